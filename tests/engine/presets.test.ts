import { describe, expect, it } from 'vitest';
import { PRESETS, findPreset } from '../../app/run/presets.js';
import { DEFAULT_SETTINGS, checkSettings } from '../../app/run/settings.js';

describe('presets', () => {
  it('are valid settings, with Balanced equal to the defaults', () => {
    for (const p of PRESETS) expect(() => checkSettings({ ...DEFAULT_SETTINGS, ...p.settings }), p.name).not.toThrow();
    const balanced = findPreset('Balanced').settings;
    for (const [k, v] of Object.entries(balanced)) expect(DEFAULT_SETTINGS[k as keyof typeof DEFAULT_SETTINGS], k).toBe(v);
  });

  it('order from subtle to bold by style strength, and Print 4K is the largest output', () => {
    const strength = (n: string) => findPreset(n).settings.styleStrength!;
    expect(strength('Subtle')).toBeLessThan(strength('Balanced'));
    expect(strength('Balanced')).toBeLessThan(strength('Bold'));
    expect(findPreset('print 4k').settings.size).toBe(4096);
  });

  it('says which presets exist when a name is unknown', () => {
    expect(() => findPreset('Loud')).toThrow('no preset named "Loud" (there are: Subtle, Balanced, Bold, Print 4K)');
  });
});
