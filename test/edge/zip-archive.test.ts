import { createZipArchive, crc32, readZipArchive } from '../../lib/edge/zip-archive';

describe('zip archive', () => {
  const entries = [
    { name: 'b/model.onnx', data: new Uint8Array([1, 2, 3, 4]) },
    { name: 'a.txt', data: new TextEncoder().encode('hello '.repeat(100)) },
  ];

  test('GIVEN the same entries in any order THEN the archive bytes are identical', () => {
    expect(createZipArchive(entries).equals(createZipArchive([...entries].reverse()))).toBe(true);
  });

  test('THEN entries read back sorted, byte for byte, compressed or stored', () => {
    const archive = createZipArchive(entries);
    expect(archive.length).toBeLessThan(600 + 4); // the repeated text is deflated
    expect(readZipArchive(archive).map((e) => [e.name, Buffer.from(e.data).toString('hex')])).toEqual([
      ['a.txt', Buffer.from(entries[1]!.data).toString('hex')],
      ['b/model.onnx', '01020304'],
    ]);
  });

  test('THEN the CRC-32 is the standard one', () => {
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
  });

  test.each(['', '/etc/passwd', '../escape.txt'])('GIVEN the entry name %j THEN it is refused', (name) => {
    expect(() => createZipArchive([{ name, data: new Uint8Array(1) }])).toThrow(/relative path/);
  });

  test('GIVEN a corrupted archive THEN reading names the damaged entry', () => {
    const archive = createZipArchive([{ name: 'x.bin', data: new Uint8Array([9, 9, 9]) }]);
    archive[30 + 'x.bin'.length] ^= 0xff;
    expect(() => readZipArchive(archive)).toThrow(/CRC mismatch in 'x.bin'/);
  });
});
