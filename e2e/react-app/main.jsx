// The npm README's React section, as written there, in a small app: the language
// comes from React state, and the panel can be taken out of the page and put back.
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import init, { defineElement } from "active-sessions";
import "active-sessions/style.css";

const ready = init().then(() => defineElement());

export function Sessions({ locale }) {
  const [ok, setOk] = useState(false);
  useEffect(() => { ready.then(() => setOk(true)); }, []);
  return ok ? <active-sessions page-size="10" locale={locale} /> : null;
}

function App() {
  const [locale, setLocale] = useState("en");
  const [shown, setShown] = useState(true);
  return (
    <main>
      <h1>Security</h1>
      <label>
        <span>Language</span>{" "}
        <select value={locale} onChange={(e) => setLocale(e.target.value)}>
          <option value="en">English</option>
          <option value="de">Deutsch</option>
        </select>
      </label>{" "}
      <button type="button" onClick={() => setShown(!shown)}>{shown ? "Hide sessions" : "Show sessions"}</button>
      {shown && <Sessions locale={locale} />}
    </main>
  );
}

createRoot(document.getElementById("root")).render(<StrictMode><App /></StrictMode>);
