import { htmlToText } from './html-text';

describe('htmlToText', () => {
  it('keeps the text and line structure of an Outlook HTML body', () => {
    expect(htmlToText('<html><head><style>p{color:red}</style></head><body><p>Velkommen til foreldrem&oslash;te<br>tirsdag kl.&nbsp;18.</p><p>Hilsen rektor &amp; FAU &#8211; &#x263A;</p></body></html>')).toBe(
      'Velkommen til foreldremøte\ntirsdag kl. 18.\nHilsen rektor & FAU – ☺',
    );
  });
});
