import type { IPublicClientApplication } from '@azure/msal-browser';

/**
 * Sign-in. Inside Outlook: MSAL Nested App Authentication (a token for the archive API's own
 * scope, silently, then by popup), falling back to a standard MSAL popup where NAA is not
 * supported. When the server runs in dev mode (GET /api/dev/brukere answers), a user picker.
 */
export interface TokenSource {
  readonly mode: 'dev' | 'msal';
  getToken(): Promise<string | null>;
  signOut(): void;
}

const DEV_KEY = 'arkiv.devToken';

export async function isDevServer(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/api/dev/brukere`, { headers: { accept: 'application/json' } });
    return res.ok;
  } catch {
    return false;
  }
}

export function devTokenSource(token: string): TokenSource {
  sessionStorage.setItem(DEV_KEY, token);
  return {
    mode: 'dev',
    getToken: async () => token,
    signOut: () => sessionStorage.removeItem(DEV_KEY),
  };
}

export function storedDevToken(): string | null {
  return sessionStorage.getItem(DEV_KEY);
}

/** Microsoft Graph, delegated: read message metadata (the folder of a mail, for Sent Items → U). */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/Mail.ReadBasic';

/** Microsoft Graph, delegated: read a sent mail as MIME (Svar med e-post, archiving the answer once sent). */
export const GRAPH_MAIL_SCOPE = 'https://graph.microsoft.com/Mail.Read';

let graphToken: ((scope: string) => Promise<string | null>) | null = null;

/**
 * Graph for the Office port (Sent Items via Graph, §10.3): available after an MSAL sign-in,
 * silent only (never a popup for it); null in dev mode or without consent.
 */
export const graphAccess = {
  getToken: async (): Promise<string | null> => (graphToken ? graphToken(GRAPH_SCOPE) : null),
};

/** Graph with Mail.Read for finding and reading the sent answer (Svar med e-post); null without consent. */
export const graphMailAccess = {
  getToken: async (): Promise<string | null> => (graphToken ? graphToken(GRAPH_MAIL_SCOPE) : null),
};

export interface MsalSettings {
  readonly clientId: string;
  readonly scope: string;
  readonly authority?: string;
  /** Whether the host supports NAA (Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')). */
  readonly naaSupported: boolean;
}

export async function msalTokenSource(settings: MsalSettings): Promise<TokenSource> {
  const msal = await import('@azure/msal-browser');
  const config = { auth: { clientId: settings.clientId, authority: settings.authority ?? 'https://login.microsoftonline.com/organizations' } };
  let pca: IPublicClientApplication;
  try {
    // The documented order: NAA when the host supports it, the standard SPA flow otherwise.
    pca = settings.naaSupported ? await msal.createNestablePublicClientApplication(config) : await msal.createStandardPublicClientApplication(config);
  } catch {
    pca = await msal.createStandardPublicClientApplication(config);
  }
  const scopes = [settings.scope];
  graphToken = async (scope) => {
    const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    if (!account) return null;
    try {
      return (await pca.acquireTokenSilent({ scopes: [scope], account })).accessToken;
    } catch {
      return null;
    }
  };
  return {
    mode: 'msal',
    async getToken() {
      const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
      try {
        const result = await pca.acquireTokenSilent({ scopes, ...(account ? { account } : {}) });
        return result.accessToken;
      } catch {
        // Interaction required (consent, MFA): a popup, which NAA hosts broker themselves.
        const result = await pca.acquireTokenPopup({ scopes });
        pca.setActiveAccount(result.account);
        return result.accessToken;
      }
    },
    signOut() {
      graphToken = null;
      void pca.clearCache();
    },
  };
}
