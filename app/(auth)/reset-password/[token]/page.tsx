import type { Metadata } from 'next';
import { TokenPage, tokenPageMetadata } from '@/components/auth/token-page';

export function generateMetadata(): Promise<Metadata> {
  return tokenPageMetadata('reset');
}

export default function Page({ params }: { params: Promise<{ token: string }> }) {
  return <TokenPage purpose="reset" params={params} />;
}
