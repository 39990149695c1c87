import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useCan } from '../auth/session.tsx';
import { navigate } from '../routing/use-location.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { parseSourceMapText } from './source-map-text.ts';

/** Ten minutes: how long a result is trusted when the probe finds nothing new, unless chosen. */
const DEFAULT_TTL_SECONDS = 600;

/**
 * `/datasets/connect` (admins): register a connected dataset, whose purchase lines are read where
 * they live (a PostgreSQL table, a DuckDB file's table, Parquet files on the server). The server
 * reads the source before it keeps anything, so a wrong URL, table or mapping is said here.
 */
export function ConnectSourcePage() {
  const isAdmin = useCan('admin');
  if (!isAdmin) {
    return (
      <section className="page">
        <h1>Connect a source</h1>
        <p className="panel">
          Only admins connect sources: a source&rsquo;s URL carries a database password. Ask an admin.
        </p>
      </section>
    );
  }
  return <ConnectSourceForm />;
}

function ConnectSourceForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [table, setTable] = useState('');
  const [position, setPosition] = useState('');
  const [customersTable, setCustomersTable] = useState('');
  const [catalogTable, setCatalogTable] = useState('');
  const [mapText, setMapText] = useState('');
  const [ttl, setTtl] = useState(String(DEFAULT_TTL_SECONDS));
  const create = useMutation(
    trpc.source.create.mutationOptions({
      onSuccess: async (dataset) => {
        await queryClient.invalidateQueries(trpc.dataset.pathFilter());
        await queryClient.invalidateQueries(trpc.source.pathFilter());
        navigate(`/datasets/${encodeURIComponent(dataset.name)}`);
      },
    }),
  );
  const parquet = url.trim().startsWith('parquet:');
  const mapped = parseSourceMapText(mapText);
  const ttlSeconds = Number(ttl);
  const ttlError =
    ttl.trim() === '' || !Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > 604_800
      ? 'a whole number of seconds, 0 to 604,800 (a week)'
      : undefined;
  const ready =
    name.trim() !== '' &&
    url.trim() !== '' &&
    (parquet || table.trim() !== '') &&
    !('error' in mapped) &&
    ttlError === undefined;
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || create.isPending || 'error' in mapped) return;
    create.mutate({
      name: name.trim(),
      url: url.trim(),
      ...(parquet ? {} : { table: table.trim() }),
      map: mapped.map,
      position: optional(position),
      customersTable: optional(customersTable),
      catalogTable: optional(catalogTable),
      ttlSeconds,
    });
  };

  const field = (
    key: string,
    label: string,
    value: string,
    set: (value: string) => void,
    hint?: string,
    extra: { disabled?: boolean; placeholder?: string } = {},
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        value={value}
        onChange={(event) => set(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={hint ? `${id}-${key}-hint` : undefined}
        {...extra}
      />
      {hint && (
        <small id={`${id}-${key}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );

  return (
    <section className="page">
      <h1>Connect a source</h1>
      <p className="hint">
        A connected dataset reads its purchase lines where they live, compiled to SQL that runs there on a
        read-only session, instead of from an uploaded file. Its rates are those of the same rows uploaded as
        a CSV. Results are kept and read again when the table gains rows or a later purchase, or after the
        time below.
      </p>
      <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Where the purchases are</h2>
        {field('name', 'Dataset name', name, setName, 'Letters, digits, ".", "_" and "-".', {
          placeholder: 'warehouse',
        })}
        <div className="field wide">
          <label htmlFor={`${id}-url`}>Source URL</label>
          <input
            id={`${id}-url`}
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder="postgres://reader:password@db.internal:5432/shop"
            aria-describedby={`${id}-url-hint`}
          />
          <small id={`${id}-url-hint`} className="hint">
            postgres://user:password@host:5432/database, duckdb:file.duckdb or parquet:folder/*.parquet (files
            inside the server&rsquo;s source directory). Stored encrypted; shown from now on with its password
            as ***. Give a role that may only read these tables.
          </small>
        </div>
        {field(
          'table',
          parquet ? 'Table (none: Parquet files are read whole)' : 'Table or view',
          parquet ? '' : table,
          setTable,
          'schema.table, as the database names it',
          { disabled: parquet, placeholder: 'sales.purchases' },
        )}
        {field(
          'position',
          'Order column (optional)',
          position,
          setPosition,
          'A line number or load sequence: which of two orders at the same time came first.',
        )}
        {field(
          'customers',
          'Customers table (optional)',
          customersTable,
          setCustomersTable,
          'To segment by customer attributes.',
        )}
        {field(
          'catalog',
          'Catalog table (optional)',
          catalogTable,
          setCatalogTable,
          'product_id, tier and family.',
        )}
        <div className="field wide">
          <label htmlFor={`${id}-map`}>Column mapping (optional)</label>
          <textarea
            id={`${id}-map`}
            value={mapText}
            rows={3}
            onChange={(event) => setMapText(event.target.value)}
            spellCheck={false}
            placeholder={'customer_id=client\npurchased_at=ordered_at'}
            aria-describedby={`${id}-map-hint`}
            aria-invalid={'error' in mapped}
          />
          <small id={`${id}-map-hint`} className={'error' in mapped ? 'field-error' : 'hint'}>
            {'error' in mapped
              ? mapped.error
              : 'One field=Column a line; the other fields are found by name, as in a file’s header.'}
          </small>
        </div>
        <div className="field">
          <label htmlFor={`${id}-ttl`}>Read again after (seconds)</label>
          <input
            id={`${id}-ttl`}
            inputMode="numeric"
            value={ttl}
            onChange={(event) => setTtl(event.target.value)}
            aria-describedby={`${id}-ttl-hint`}
            aria-invalid={ttlError !== undefined}
          />
          <small id={`${id}-ttl-hint`} className={ttlError ? 'field-error' : 'hint'}>
            {ttlError ?? 'Even when the table looks unchanged (rows and latest purchase). 0: on every query.'}
          </small>
        </div>
        {create.error && <ErrorPanel title="Could not connect the source" error={create.error} />}
        <div className="actions wide">
          <button type="submit" className="primary" disabled={!ready || create.isPending}>
            {create.isPending ? 'Reading the source…' : 'Connect'}
          </button>
        </div>
      </form>
    </section>
  );
}
