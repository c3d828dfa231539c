// How the reports page writes its figures.

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const wholeNumber = (n: number) => whole.format(n);

/** 0.1234 → "12.3%"; null (nothing to divide by) → "—". */
export const percentOf = (x: number | null) => (x === null ? "—" : `${oneDecimal.format(x * 100)}%`);

/** Minutes as hours: 90 → "1.5 h". */
export const hoursOf = (minutes: number) => `${oneDecimal.format(minutes / 60)} h`;
