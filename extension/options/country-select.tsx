/** The countries a client or a freelancer of Relais' portals is found in, by name (a stored other code stays offered). */
const COUNTRIES: readonly [string, string][] = [
  ['FR', 'France'],
  ['BE', 'Belgique / België'],
  ['LU', 'Luxembourg'],
  ['CH', 'Suisse / Schweiz'],
];

export function CountrySelect(props: { value?: string } & Record<string, unknown>) {
  const known = COUNTRIES.some(([code]) => code === props.value);
  return (
    <select {...props}>
      {COUNTRIES.map(([code, name]) => (
        <option value={code}>{name}</option>
      ))}
      {props.value && !known && <option value={props.value}>{props.value}</option>}
    </select>
  );
}
