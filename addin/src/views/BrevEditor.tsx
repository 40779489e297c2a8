import { ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useSkrivT } from './skriv.strings';

const useStyles = makeStyles({
  knapper: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalXS },
  flate: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    minHeight: '12em',
    maxHeight: '50vh',
    overflowY: 'auto',
    '& .ProseMirror': { outline: 'none', minHeight: '11em' },
    '& .ProseMirror:focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

/**
 * The letter's text as rich text (TipTap over ProseMirror): paragraphs, headings, lists and
 * emphasis, the markup the service keeps when it cleans the HTML. Loaded only when a letter is
 * edited, so the pane's first view stays small. `html` is the starting text; changes go to `onChange`.
 */
export default function BrevEditor({ html, onChange }: { html: string; onChange: (html: string) => void }) {
  const st = useSkrivT();
  const s = useStyles();
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2, 3] }, code: false, codeBlock: false, horizontalRule: false, link: false })],
    content: html,
    editorProps: { attributes: { 'aria-label': st.dok.editor, role: 'textbox', 'aria-multiline': 'true', 'data-testid': 'brev-editor' } },
    onUpdate: ({ editor: e }) => onChange(e.getHTML()),
  });
  const aktiv = useEditorState({ editor, selector: ({ editor: e }) => (e && !e.isDestroyed ? { fet: e.isActive('bold'), kursiv: e.isActive('italic'), punkt: e.isActive('bulletList') } : { fet: false, kursiv: false, punkt: false }) });
  // Plain toggle buttons, each its own tab stop, rather than Fluent's Toolbar: the Toolbar's
  // arrow-key group brings Tabster's focus guards, which screen readers meet as hidden focusables.
  const knapp = (navn: 'fet' | 'kursiv' | 'punkt', gjor: () => void, innhold: React.ReactNode) => (
    <ToggleButton size="small" appearance="subtle" checked={aktiv?.[navn] ?? false} onClick={gjor}>
      {innhold}
    </ToggleButton>
  );
  return (
    <div>
      <div role="group" aria-label={st.dok.formatering} className={s.knapper}>
        {knapp('fet', () => editor?.chain().focus().toggleBold().run(), <strong>{st.dok.fet}</strong>)}
        {knapp('kursiv', () => editor?.chain().focus().toggleItalic().run(), <em>{st.dok.kursiv}</em>)}
        {knapp('punkt', () => editor?.chain().focus().toggleBulletList().run(), st.dok.punkt)}
      </div>
      <EditorContent editor={editor} className={s.flate} />
    </div>
  );
}
