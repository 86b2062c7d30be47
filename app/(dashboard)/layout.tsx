import { requirePageUser } from "@/lib/auth/page-access";

// Every page in this group needs a signed-in user; anonymous visitors are sent to sign in.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await requirePageUser();
  return <>{children}</>;
}
