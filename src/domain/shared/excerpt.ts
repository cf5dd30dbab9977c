/** A caller's value as quoted back in a message: at most `max` characters, so answers stay short. */
export function excerpt(value: string, max = 64): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max).join('')}…`;
}
