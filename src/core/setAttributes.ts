/** Sets each attribute that has a value, with `setAttribute` (never through markup), and returns the element. */
export function setAttributes<E extends Element>(element: E, attributes: Record<string, string | undefined>): E {
  for (const [name, value] of Object.entries(attributes)) if (value) element.setAttribute(name, value);
  return element;
}
