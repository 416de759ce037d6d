import { describe, expect, it } from 'vitest';
import { fileStem, suggestExportName } from '../../renderer/image/exportName.js';

describe('export file names', () => {
  it('joins the content and style names', () => {
    expect(suggestExportName('chelsea.jpg', ['starry_night.jpg'], 'png')).toBe('chelsea-starry_night.png');
    expect(suggestExportName('chelsea.jpg', ['starry_night.jpg'], 'jpeg')).toBe('chelsea-starry_night.jpg');
    expect(suggestExportName('chelsea.jpg', ['starry_night.jpg'], 'webp')).toBe('chelsea-starry_night.webp');
  });

  it('joins two styles with + and counts the rest', () => {
    expect(suggestExportName('cat.png', ['a.jpg', 'b.jpg'], 'png')).toBe('cat-a+b.png');
    expect(suggestExportName('cat.png', ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'], 'png')).toBe('cat-a+b+2more.png');
  });

  it('adds the size of an upscaled export', () => {
    expect(suggestExportName('chelsea.jpg', ['starry_night.jpg'], 'png', 1024)).toBe('chelsea-starry_night-1024px.png');
  });

  it('makes stems safe for every file system', () => {
    expect(fileStem('My Holiday: Day 1?.JPG')).toBe('My_Holiday_Day_1');
    expect(fileStem('C:\\photos\\dog.jpeg')).toBe('dog');
    expect(fileStem('archive.tar.gz')).toBe('archive.tar');
    expect(fileStem('.hidden')).toBe('image');
    expect(fileStem('')).toBe('image');
  });
});
