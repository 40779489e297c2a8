/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** Entra app registration of the add-in (SPA, brk-multihub redirect for NAA). */
  readonly VITE_ARKIV_CLIENT_ID?: string;
  /** The archive API's own scope, e.g. api://arkiv.example.no/<id>/access_as_user. */
  readonly VITE_ARKIV_API_SCOPE?: string;
  readonly VITE_ARKIV_AUTHORITY?: string;
}
