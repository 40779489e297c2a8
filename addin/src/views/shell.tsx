import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, makeStyles, MessageBar, MessageBarBody, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { Children, isValidElement, type ReactElement, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';

/*
 * The pieces every view of the pane is built from, so each fits Outlook's 320–450 px pane the
 * same way: a heading that takes focus when the view opens, one message area that is read out
 * and scrolled into sight, and sections the user opens (the long views).
 */

const useStyles = makeStyles({
  heading: {
    ...typographyStyles.subtitle2,
    margin: 0,
    overflowWrap: 'anywhere',
    // Focus is put on the heading for screen readers and the keyboard; the ring only when keyboard-driven.
    ':focus:not(:focus-visible)': { outlineStyle: 'none' },
  },
  messages: { display: 'contents' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS, minWidth: 0 },
  header: { overflowWrap: 'anywhere' },
});

/** Focuses the element once it is in the page (a view's heading when the view opens). */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * A view's heading (h2): the pane puts focus on it when the view opens, after every navigation
 * and after sign-in, so a screen reader says where the user is and Tab starts from the view.
 */
export function ViewHeading({ id, children, className }: { id: string; children: ReactNode; className?: string }) {
  const s = useStyles();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className={mergeClasses(s.heading, className)}>
      {children}
    </h2>
  );
}

/**
 * A live region, in the page before a message comes (so screen readers announce it), that
 * scrolls a new message into sight.
 */
function LiveRegion({ role, intent, children }: { role: 'alert' | 'status'; intent: 'error' | 'success'; children?: ReactNode }) {
  const s = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const shown = !!children;
  useEffect(() => {
    if (shown) ref.current?.firstElementChild?.scrollIntoView({ block: 'nearest' });
  }, [shown, children]);
  return (
    <div role={role} ref={ref} className={s.messages}>
      {shown ? (
        <MessageBar intent={intent} layout="multiline">
          <MessageBarBody>{children}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}

/** A role=alert region for errors. */
export const AlertRegion = ({ children }: { children?: ReactNode }) => <LiveRegion role="alert" intent="error">{children}</LiveRegion>;

/** A role=status region for confirmations. */
export const StatusRegion = ({ children }: { children?: ReactNode }) => <LiveRegion role="status" intent="success">{children}</LiveRegion>;

/**
 * Where a view says how it went: errors in a role=alert region, confirmations in a role=status
 * region. Both regions are in the page before a message comes (so screen readers announce it),
 * and a new message is scrolled into sight, so it is seen without scrolling.
 */
export function MessageArea({ error, confirmation }: { error?: ReactNode; confirmation?: ReactNode }) {
  return (
    <>
      <AlertRegion>{error}</AlertRegion>
      <StatusRegion>{confirmation}</StatusRegion>
    </>
  );
}

export interface SectionProps {
  /** Stable key, also what is remembered open. */
  readonly value: string;
  readonly title: ReactNode;
  readonly children: ReactNode;
  /** Open until the user closes it (besides the first section, which always starts open). */
  readonly defaultOpen?: boolean;
}

/** One section of a long view; only meaningful inside <Sections>. */
export function Section(_props: SectionProps): ReactElement | null {
  return null;
}

function remembered(name: string): string[] | null {
  try {
    const v = JSON.parse(localStorage.getItem(`arkiv.sections.${name}`) ?? 'null') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
  } catch {
    return null;
  }
}

/**
 * A long view in sections the user opens (Fluent Accordion, headings h3): the first section, the
 * one used most, is open to start with (and any marked defaultOpen); what the user opens and closes is remembered per view
 * (`name`), so the next journalpost opens the way the last one was left; `remember={false}` for
 * sections that are not the same each time (one per mail being imported). Falsy children are left
 * out (a section the user may not use).
 */
export function Sections({ name, children, remember = true }: { name: string; children: ReactNode; remember?: boolean }) {
  const s = useStyles();
  const items = Children.toArray(children).filter((c): c is ReactElement<SectionProps> => isValidElement(c) && c.type === Section);
  const [open, setOpen] = useState<string[]>(() => (remember ? remembered(name) : null) ?? items.filter((x, i) => i === 0 || x.props.defaultOpen).map((x) => x.props.value));
  return (
    <Accordion
      multiple
      collapsible
      openItems={open}
      onToggle={(_, d) => {
        const next = d.openItems.map(String);
        setOpen(next);
        if (remember) localStorage.setItem(`arkiv.sections.${name}`, JSON.stringify(next));
      }}
    >
      {items.map((item) => (
        <AccordionItem key={item.props.value} value={item.props.value}>
          <AccordionHeader as="h3" className={s.header} data-section={item.props.value}>
            {item.props.title}
          </AccordionHeader>
          <AccordionPanel className={s.panel}>{item.props.children}</AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
