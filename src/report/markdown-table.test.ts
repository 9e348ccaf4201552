import { code, escapeCell, renderCompactTable, renderPaddedTable } from './markdown-table';

describe('markdown tables', () => {
  it('pads cells to the column width with the alignment markers of the seeds', () => {
    expect(renderPaddedTable(['Config', 'RPS', 'Mid'], [['`a`', '0.719', 'x']], ['left', 'right', 'center'])).toBe(
      ['| Config |   RPS | Mid |', '| ------ | ----: | :-: |', '| `a`    | 0.719 |  x  |'].join('\n'),
    );
  });

  it('writes compact rows under a centred separator', () => {
    expect(renderCompactTable(['Concurrency', 'X'], [['1', '0.27']], ['center', 'center'])).toBe(
      ['| Concurrency | X |', '|:-----------:|:-:|', '| 1 | 0.27 |'].join('\n'),
    );
  });

  it('escapes pipes and line breaks in cells, and wraps code that contains backticks', () => {
    expect(escapeCell('a|b\nc')).toBe('a\\|b c');
    expect(code('vllm-serve')).toBe('`vllm-serve`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`a')).toBe('`` `a ``');
  });

  it('rejects rows of the wrong width', () => {
    expect(() => renderPaddedTable(['a', 'b'], [['1']], ['left', 'left'])).toThrow('every row and the alignment need 2 cells');
  });
});
