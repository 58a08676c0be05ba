import { describe, expect, it } from 'vitest';
import { mayDestroy, toolAnnotations } from './toolAnnotations.js';

describe('toolAnnotations', () => {
  it('keeps the known hints of the right type and the title, nothing else', () => {
    const tool = {
      title: 'Own title',
      annotations: { readOnlyHint: true, destructiveHint: 'no', openWorldHint: false, extra: 1 },
    };
    expect(toolAnnotations(tool)).toEqual({ title: 'Own title', readOnlyHint: true, openWorldHint: false });
    expect(toolAnnotations({ title: 'Own', annotations: { title: 'Annotated' } })).toEqual({
      title: 'Annotated',
    });
    expect(toolAnnotations(undefined)).toEqual({});
  });
});

describe('mayDestroy', () => {
  it("believes a trusted server's annotations, with the specification's defaults", () => {
    expect(mayDestroy({ trusted: true, annotations: {} })).toBe(true);
    expect(mayDestroy({ trusted: true, annotations: { readOnlyHint: true } })).toBe(false);
    expect(mayDestroy({ trusted: true, annotations: { destructiveHint: false } })).toBe(false);
    expect(mayDestroy({ trusted: true, annotations: { destructiveHint: true } })).toBe(true);
  });

  it("never lets an untrusted server's claims skip approval", () => {
    expect(mayDestroy({ trusted: false, annotations: { readOnlyHint: true } })).toBe(true);
    expect(mayDestroy({ trusted: false, annotations: { destructiveHint: false } })).toBe(true);
  });
});
