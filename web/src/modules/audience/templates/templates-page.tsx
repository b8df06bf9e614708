import { PageHeader } from '../../../components/page-header.tsx';

// PLACEHOLDER: replaced by the area's real page before this lands.
export function TemplatesPage() {
  return <PageHeader title="TemplatesPage" />;
}
