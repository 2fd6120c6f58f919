import { describe, expect, it } from 'vitest';
import { comboboxKeyAction, type ComboboxKeyState } from '@/components/ui/combobox-keys';

const listed: ComboboxKeyState = { open: true, expanded: true, active: 1, count: 3, enterFallback: false };

describe('comboboxKeyAction', () => {
  it('moves the highlight within the list, stopping at its ends', () => {
    expect(comboboxKeyAction('ArrowDown', listed)).toEqual({ type: 'activate', index: 2 });
    expect(comboboxKeyAction('ArrowDown', { ...listed, active: 2 })).toEqual({ type: 'activate', index: 2 });
    expect(comboboxKeyAction('ArrowUp', listed)).toEqual({ type: 'activate', index: 0 });
    expect(comboboxKeyAction('ArrowUp', { ...listed, active: 0 })).toEqual({ type: 'activate', index: 0 });
  });

  it('opens a closed list with Down and leaves the arrows alone while there is nothing to show', () => {
    expect(comboboxKeyAction('ArrowDown', { ...listed, open: false, expanded: false })).toEqual({ type: 'open' });
    expect(comboboxKeyAction('ArrowDown', { ...listed, expanded: false })).toBeNull();
    expect(comboboxKeyAction('ArrowUp', { ...listed, open: false, expanded: false })).toBeNull();
    expect(comboboxKeyAction('ArrowDown', { ...listed, count: 0, active: 0 })).toBeNull();
  });

  it('picks the highlighted option with Enter, else falls back or leaves Enter to the form', () => {
    expect(comboboxKeyAction('Enter', listed)).toEqual({ type: 'pick', index: 1 });
    expect(comboboxKeyAction('Enter', { ...listed, expanded: false })).toBeNull();
    expect(comboboxKeyAction('Enter', { ...listed, expanded: false, enterFallback: true })).toEqual({ type: 'enter' });
    expect(comboboxKeyAction('Enter', { ...listed, count: 0, enterFallback: true })).toEqual({ type: 'enter' });
  });

  it('closes an expanded list with Escape and otherwise leaves Escape to a surrounding dialog', () => {
    expect(comboboxKeyAction('Escape', listed)).toEqual({ type: 'close' });
    expect(comboboxKeyAction('Escape', { ...listed, expanded: false })).toBeNull();
    expect(comboboxKeyAction('a', listed)).toBeNull();
  });
});
