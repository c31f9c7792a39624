/** Options of {@link parseCsv}. */
export interface CsvOptions {
  /** Field separator; default `,`. */
  delimiter?: string;
}

/**
 * Parses CSV text (RFC 4180) into records of fields. Quoted fields may hold the delimiter,
 * line breaks and doubled quotes (`""`); lines end in LF, CRLF or CR; a leading BOM and
 * blank lines are ignored; a quote inside an unquoted field is kept as text. An unterminated
 * quote or text after a closing quote is an error naming the line.
 */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error('CSV delimiter must be one character other than a quote or a line break');
  }
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let started = false; // the current record has content (blank lines are skipped)
  let inQuotes = false;
  let afterQuote = false; // just closed a quoted field: only a delimiter or line end may follow
  let line = 1;
  let quoteLine = 1;

  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          afterQuote = true;
        }
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === delimiter) {
      record.push(field);
      field = '';
      started = true;
      afterQuote = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (started) {
        record.push(field);
        records.push(record);
      }
      record = [];
      field = '';
      started = false;
      afterQuote = false;
      line++;
    } else if (afterQuote) {
      throw new Error(`malformed CSV on line ${line}: ${JSON.stringify(c)} after a closing quote`);
    } else if (c === '"' && field === '') {
      inQuotes = true;
      started = true;
      quoteLine = line;
    } else {
      field += c;
      started = true;
    }
  }
  if (inQuotes)
    throw new Error(`malformed CSV: the quote opened on line ${quoteLine} is never closed`);
  if (started) {
    record.push(field);
    records.push(record);
  }
  return records;
}
