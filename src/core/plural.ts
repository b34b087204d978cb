// Counts written out, as the cards and messages read them: "1 draft", "2 drafts" (never "2 draft(s)").
/** "1 lead", "2 leads", "0 leads"; `many` for words that do not just take an s ("1 company", "2 companies"). */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
