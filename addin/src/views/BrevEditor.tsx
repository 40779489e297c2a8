import { Toolbar, ToolbarToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useSkrivT } from './skriv.strings';

const useStyles = makeStyles({
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
  const valgt = Object.entries(aktiv ?? {})
    .filter(([, v]) => v)
    .map(([k]) => k);
  return (
    <div>
      <Toolbar aria-label={st.dok.editor} size="small" checkedValues={{ format: valgt }}>
        <ToolbarToggleButton name="format" value="fet" onClick={() => editor?.chain().focus().toggleBold().run()}>
          <strong>{st.dok.fet}</strong>
        </ToolbarToggleButton>
        <ToolbarToggleButton name="format" value="kursiv" onClick={() => editor?.chain().focus().toggleItalic().run()}>
          <em>{st.dok.kursiv}</em>
        </ToolbarToggleButton>
        <ToolbarToggleButton name="format" value="punkt" onClick={() => editor?.chain().focus().toggleBulletList().run()}>
          {st.dok.punkt}
        </ToolbarToggleButton>
      </Toolbar>
      <EditorContent editor={editor} className={s.flate} />
    </div>
  );
}
