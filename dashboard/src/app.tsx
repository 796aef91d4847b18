// The dashboard root: sign-in until a key is stored, then the layout around the routed page.
import { useMemo, useState } from "preact/hooks";
import { ApiClient } from "./api/client";
import { ApiCallError } from "./api/errors";
import { Layout } from "./components/layout";
import { PageOutlet } from "./components/page-outlet";
import { SignIn } from "./components/sign-in";
import { HOME } from "./routes";
import { navigate, useHashPath } from "./router";
import { SessionContext, clearSession, storeSession, storedSession, type Session } from "./session";

/** The whole app. */
export function App() {
  const [stored, setStored] = useState(storedSession());
  // Why the last session ended, when the API refused its key (shown on the sign-in page).
  const [refusal, setRefusal] = useState<ApiCallError | null>(null);
  const path = useHashPath();
  const session = useMemo<Session | null>(
    () =>
      stored
        ? {
            // Any 401 means the key stopped working: sign out, keeping nothing, and say why.
            api: new ApiClient(stored.apiKey, (e) => {
              clearSession();
              setRefusal(new ApiCallError(`Your key was refused (401): ${e.message}`, e.status, e.requestId, e.type, e.code, e.param));
              setStored(null);
            }),
            project: stored.project,
            signOut: () => {
              clearSession();
              setRefusal(null);
              setStored(null);
            },
          }
        : null,
    [stored],
  );
  if (!session) {
    return (
      <SignIn
        notice={refusal}
        onSignedIn={(apiKey, project) => {
          setRefusal(null);
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
