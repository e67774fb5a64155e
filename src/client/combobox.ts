/**
 * A WAI-ARIA combobox over a text input and a list box: type, arrow through the matches,
 * Enter (or a click) to choose, Escape to close.
 */
import { el } from './dom.ts';

export interface ComboboxOption {
  /** the option's words in the list */
  label: string;
  value: string;
  /** what the input then shows (default: the label) */
  text?: string;
}

export function combobox<O extends ComboboxOption>(
  input: HTMLInputElement,
  list: HTMLElement,
  find: (q: string) => Promise<O[]>,
  choose: (o: O) => void,
): void {
  let matches: O[] = [];
  let active = -1;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const pick = (i: number) => {
    const m = matches[i];
    if (!m) return;
    input.value = m.text ?? m.label;
    close();
    choose(m);
  };
  const paint = () => {
    const options = matches.map((m, i) => {
      const li = el('li', m.label, {
        role: 'option',
        id: `${list.id}-${i}`,
        'aria-selected': String(i === active),
        'data-value': m.value,
      });
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        pick(i);
      });
      return li;
    });
    list.replaceChildren(
      ...(options.length ? options : [el('li', 'No match', { role: 'option', 'aria-disabled': 'true' })]),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  let asked = 0;
  input.addEventListener('input', () => {
    const q = input.value.trim().toLowerCase();
    const me = ++asked;
    if (q.length < 2) return close();
    void find(q).then((found) => {
      if (me !== asked) return;
      matches = found;
      active = -1;
      paint();
    });
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') active = Math.min(matches.length - 1, active + 1);
    else if (e.key === 'ArrowUp') active = Math.max(0, active - 1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      return pick(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') return close();
    else return;
    e.preventDefault();
    paint();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}
