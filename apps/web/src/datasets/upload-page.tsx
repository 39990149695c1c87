import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';
import { useCan, useSession } from '../auth/session.tsx';
import { Link } from '../layout/link.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Loading } from '../ui/loading.tsx';
import { UploadForm } from './upload-form.tsx';

/**
 * `/datasets/new` (a new dataset) and `/datasets/<name>/append` (a file into an existing one):
 * choose a file, check the preview and the column mapping, upload and import, read the report.
 */
export function UploadPage({ appendTo }: { appendTo?: string }) {
  const canUpload = useCan('analyst');
  const { role } = useSession();
  if (!canUpload) {
    return (
      <section className="page">
        <h1>Upload a file</h1>
        <p className="panel">
          Uploading needs the analyst or admin role; you are signed in as a {role}. Ask an admin for an
          analyst token. <Link to="/datasets">Back to the datasets</Link>.
        </p>
      </section>
    );
  }
  return appendTo === undefined ? (
    <UploadForm target={{ mode: 'create' }} />
  ) : (
    <ExistingTarget name={appendTo} />
  );
}

function ExistingTarget({ name }: { name: string }) {
  const trpc = useTRPC();
  const dataset = useQuery(trpc.dataset.byId.queryOptions({ id: name }));
  if (dataset.isPending) return <Loading label={`Loading the dataset ${name}…`} />;
  if (dataset.isError) {
    return (
      <section className="page">
        <h1>Add a file to {name}</h1>
        <ErrorPanel title={`Could not load the dataset ${name}`} error={dataset.error} />
        <p>
          <Link to="/datasets">Back to the datasets</Link>
        </p>
      </section>
    );
  }
  // Purchases or subscription history already in: the file is appended (a customers or rates file is not enough).
  const hasData = dataset.data.files.some(
    (file) => file.kind === 'purchases' || file.kind === 'subscriptions',
  );
  return (
    <UploadForm
      target={{ mode: hasData ? 'append' : 'import', dataset: dataset.data.name }}
      dataset={{ kind: dataset.data.kind, currency: dataset.data.currency }}
    />
  );
}
