// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { focusOwnsKey, transportAction } from '../../src/components/useTransportKeys';

/** An element of the given markup, attached to the document (as focused elements are). */
function el(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
}

const press = (
  key: string,
  target: EventTarget | null,
  mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {},
) => transportAction({ key, target, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('transport keys: who owns a key press', () => {
  it('on the page itself, space plays or pauses, → steps and r (either case) resets', () => {
    const body = document.body;
    expect(press(' ', body)).toBe('toggle');
    expect(press('ArrowRight', body)).toBe('step');
    expect(press('r', body)).toBe('reset');
    expect(press('R', body)).toBe('reset');
    expect(press('ArrowLeft', body)).toBeNull();
    expect(press('x', body)).toBeNull();
    expect(press(' ', null)).toBe('toggle');
  });

  it('text fields, text areas, editable text and selects keep every key', () => {
    for (const html of [
      '<input type="text">',
      '<input>',
      '<input type="number">',
      '<input type="search">',
      '<textarea></textarea>',
      '<select><option>a</option></select>',
      '<div contenteditable="true">x</div>',
    ]) {
      const target = el(html);
      for (const key of [' ', 'ArrowRight', 'r']) expect(press(key, target), `${html} ${key}`).toBeNull();
    }
  });

  it('a slider keeps the arrow keys (they move it) but space and r still act', () => {
    const slider = el('<input type="range" min="0" max="10">');
    expect(press('ArrowRight', slider)).toBeNull();
    expect(focusOwnsKey(slider, 'Home')).toBe(true);
    expect(press(' ', slider)).toBe('toggle');
    expect(press('r', slider)).toBe('reset');
  });

  it('buttons, folds, links and checkboxes keep space (it presses them); → and r still act', () => {
    for (const html of [
      '<button>Go</button>',
      '<details><summary>More</summary></details>',
      '<a href="#x">x</a>',
      '<div role="button">x</div>',
      '<input type="checkbox">',
    ]) {
      let target = el(html);
      if (target.tagName === 'DETAILS') target = target.firstElementChild as HTMLElement;
      expect(press(' ', target), html).toBeNull();
      expect(focusOwnsKey(target, 'Enter'), html).toBe(true);
      expect(press('ArrowRight', target), html).toBe('step');
      expect(press('r', target), html).toBe('reset');
    }
  });

  it('a radio button keeps space and the arrows (they choose); r still acts', () => {
    const radio = el('<input type="radio" name="k">');
    expect(press(' ', radio)).toBeNull();
    expect(press('ArrowRight', radio)).toBeNull();
    expect(press('r', radio)).toBe('reset');
  });

  it('presses with a modifier belong to the browser', () => {
    const body = document.body;
    expect(press('r', body, { ctrlKey: true })).toBeNull();
    expect(press(' ', body, { altKey: true })).toBeNull();
    expect(press('ArrowRight', body, { metaKey: true })).toBeNull();
  });
});
