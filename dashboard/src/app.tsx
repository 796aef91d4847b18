// The dashboard root: sign-in until a key is stored, then the layout around the routed page.
import { useMemo, useState } from "preact/hooks";
import { ApiClient } from "./api/client";
import { Layout } from "./components/layout";
import { PageOutlet } from "./components/page-outlet";
import { SignIn } from "./components/sign-in";
import { HOME } from "./routes";
import { navigate, useHashPath } from "./router";
import { SessionContext, clearSession, storeSession, storedSession, type Session } from "./session";

/** The whole app. */
export function App() {
  const [stored, setStored] = useState(storedSession());
  const path = useHashPath();
  const session = useMemo<Session | null>(
    () =>
      stored
        ? {
            api: new ApiClient(stored.apiKey),
            project: stored.project,
            signOut: () => {
              clearSession();
              setStored(null);
            },
          }
        : null,
    [stored],
  );
  if (!session) {
    return (
      <SignIn
        onSignedIn={(apiKey, project) => {
          storeSession(apiKey, project);
          setStored({ apiKey, project });
        }}
      />
    );
  }
  if (path === "/") {
    navigate(HOME);
    return null;
  }
  const section = path.split("/")[1] ?? "";
  return (
    <SessionContext.Provider value={session}>
      <Layout project={session.project} section={section} onSignOut={session.signOut}>
        <PageOutlet path={path} />
      </Layout>
    </SessionContext.Provider>
  );
}
