import { Compass } from 'lucide-react';
import { EmptyState } from '../components/empty-state.tsx';
import { Link } from '../router.tsx';

export function NotFoundScreen({ path }: { path: string }) {
  return (
    <EmptyState
      icon={Compass}
      title="Nothing here"
      action={
        <Link
          to={{ name: 'sessions' }}
          className="text-sm font-medium text-emerald-700 hover:underline dark:text-emerald-400"
        >
          Go to sessions
        </Link>
      }
    >
      There is no page at <code className="font-mono">{path}</code>, or you may not open it.
    </EmptyState>
  );
}
