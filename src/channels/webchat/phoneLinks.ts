/**
 * Phone numbers in web chat copy become `tel:` links (markdown), so a person on a phone can tap to
 * call. Only the shapes Norwegian numbers are written in: the emergency numbers (110, 112, 113),
 * the 116 xxx helplines, and eight digits in groups ("22 40 00 40", "225 66 700"); no other figure
 * in the copy (percentages, days, paragraphs) has these shapes.
 */
const PHONE_NUMBER = /(?<![\d\]])(11[023]|116 ?\d{3}|\d{2} \d{2} \d{2} \d{2}|\d{3} \d{2} \d{3})(?![\d(])/gu;

export function linkPhoneNumbers(markdown: string): string {
  return markdown.replace(PHONE_NUMBER, (number) => `[${number}](tel:${number.replaceAll(' ', '')})`);
}
