// active-sessions: the Rocket.Chat "where you're signed in" panel as WebAssembly.
// Generated from the options table (src/options.rs) by
// `BLESS=1 cargo test --features internals typescript`: do not edit by hand.

/** Every option of `mount(element, options)`; all are optional (`null` = the default). */
export interface ActiveSessionsOptions {
  /**
   * Rocket.Chat server URL such as `https://chat.example.com`; empty (default) = this page's origin.
   *
   * Accepts string: https://…, http://…, a path /…, or "". Default: "" (this page's origin). Attribute: `base-url`.
   */
  baseUrl?: string | null;
  /**
   * localStorage key for the credentials (default `active-sessions.credentials.v1`).
   *
   * Accepts non-empty string. Default: "active-sessions.credentials.v1". Attribute: `storage-key`.
   */
  storageKey?: string | null;
  /**
   * Page sizes offered (default 10, 25, 50, 100; the server caps at 100).
   *
   * Accepts array of whole numbers 1–100 (attribute: "10, 25, 50"). Default: [10, 25, 50, 100]. Attribute: `page-sizes`.
   */
  pageSizes?: number[] | null;
  /**
   * Page size on first load (default 25, or the first page size when 25 is not one of them).
   *
   * Accepts one of the page sizes. Default: 25 (or the first page size if 25 is not one). Attribute: `page-size`.
   */
  pageSize?: number | null;
  /**
   * Alias of `pageSize`.
   */
  defaultPageSize?: number | null;
  /**
   * Mirror filter, sort, page size and page in the page URL (default off: the host owns its URL).
   *
   * Accepts boolean (attribute: present = on, "false" = off). Default: false. Attribute: `sync-url`.
   */
  syncUrl?: boolean | null;
  /**
   * Prefix of the URL parameters when `sync_url` is on (default `as_`).
   *
   * Accepts string of letters, digits, _ - .. Default: "as_". Attribute: `url-prefix`.
   */
  urlPrefix?: string | null;
  /**
   * Refetch every so many milliseconds while signed in (default: only on demand and on focus).
   *
   * Accepts 0 (off) or ≥ 1000 (ms). Default: 0 (off). Attribute: `refresh-interval`.
   */
  refreshIntervalMs?: number | null;
  /**
   * When the window regains focus, refetch only if the list on screen is at least
   * this many milliseconds old (default 30 000; 0 = on every focus). Rocket.Chat
   * allows 10 list calls a minute by default: quick tab switching must not use them up.
   *
   * Accepts 0–86400000 (ms). Default: 30000. Attribute: `focus-refresh-after`.
   */
  focusRefreshAfterMs?: number | null;
  /**
   * Reuse the Rocket.Chat web client's own login (`Meteor.userId` / `Meteor.loginToken`)
   * when the host page shares its origin (default off).
   *
   * Accepts boolean (attribute: present = on, "false" = off). Default: false. Attribute: `reuse-rocketchat-login`.
   */
  reuseRocketChatLogin?: boolean | null;
  /**
   * Extra class on the root element.
   *
   * Accepts string. Default: "" (none).
   */
  className?: string | null;
  /**
   * Per-request timeout in milliseconds (default 15 000).
   *
   * Accepts 1–600000 (ms). Default: 15000. Attribute: `timeout`.
   */
  timeoutMs?: number | null;
  /**
   * Filter debounce in milliseconds (default 300).
   *
   * Accepts 0–10000 (ms). Default: 300. Attribute: `debounce`.
   */
  debounceMs?: number | null;
  /**
   * A session whose last login is older than this many days is marked stale and
   * offered to "Sign out stale sessions" (default 30; 0 = off).
   *
   * Accepts 0 (off) – 3650 (days). Default: 30. Attribute: `stale-after-days`.
   */
  staleAfterDays?: number | null;
  /**
   * Language (BCP 47, such as `de` or `pt-BR`); empty (default) = the host page's
   * `<html lang>`, then the browser's languages, then English, each matched to the
   * nearest catalog (`pt` → `pt-BR`, `de-AT` → `de`). A signal (Leptos), the
   * attribute or `MountHandle.setLocale()` changes it without a remount.
   *
   * Accepts language tag such as "de", "pt-BR", "ar", or "". Default: "" (the host page's language). Attribute: `locale`.
   */
  locale?: string | null;
  /**
   * Wording that replaces or adds to the catalogs: per locale, message keys (listed
   * in docs/messages.md) to texts. A locale without a shipped catalog is added.
   *
   * Accepts object such as {"de": {"toolbar.refresh": "Neu laden"}} (attribute: the same as JSON). Default: none. Attribute: `messages`.
   */
  messages?: Record<string, Record<string, string>> | null;
  /**
   * Where the shipped catalogs are fetched from, relative to the page:
   * `{locales_url}{locale}.json`; empty = never fetch (English and `messages` only).
   *
   * Accepts URL or path (a / is added at its end if missing), or "". Default: "locales/". Attribute: `locales-url`.
   */
  localesUrl?: string | null;
}

/**
 * A mounted panel. Keep it while the panel is shown: a handle that is garbage-collected
 * unmounts its panel.
 */
export class MountHandle {
  private constructor();
  /** Removes the panel, its listeners, timers and requests. Calling it again does nothing. */
  unmount(): void;
  /** Unmounts and releases the handle itself: do not use it afterwards (wasm-bindgen's name). */
  free(): void;
  /** Whether the panel is still mounted. */
  readonly mounted: boolean;
  /** Changes the language in place (`"de"`, `"pt-BR"`; `""` = the page's): nothing is lost. */
  setLocale(locale: string): void;
}

/**
 * Mounts the panel into `element` (appended to what it holds). Throws an `Error` naming
 * the option for an unknown key, a wrong type or an out-of-range value.
 */
export function mount(element: HTMLElement, options?: ActiveSessionsOptions | null): MountHandle;

/**
 * Defines the `<active-sessions>` custom element (or `tagName`, which must hold a `-`).
 * Its attributes are the options' attributes. `true` when it defined it, `false` when
 * this library already had. Throws for a tag that is not a valid custom-element name or
 * that another script defined.
 */
export function defineElement(tagName?: string | null): boolean;

/** @deprecated Renamed {@link defineElement} (camelCase, like `setLocale`); kept for code written against 0.1.0. */
export function define_element(tagName?: string | null): boolean;

/** What `init` loads the WebAssembly from (default: `active_sessions_bg.wasm` next to the module). */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the WebAssembly; await it once before `mount` or `defineElement`. */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;
