/**
 * The settings of a link that were not understood and left at their defaults, so a shared link
 * that lost something says so; nothing when there are none.
 */
export function IgnoredSettingsNotice({ ignored }: { ignored: readonly string[] }) {
  if (ignored.length === 0) return null;
  return (
    <div className="notice" role="status">
      <p>Some settings in this link were not understood and were left at their defaults:</p>
      <ul>
        {ignored.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </div>
  );
}
