// Type-checked by scripts/test.sh, against npm/index.d.ts (`tsc -p npm/test`) and against
// the packed package through its package.json (`tsc -p npm/test/tsconfig.package.json`,
// after scripts/package.sh): what a TypeScript app writes
// against the package's declarations. The `@ts-expect-error` lines fail the check if
// the declarations ever stop catching these mistakes (e.g. if they became `any`).
import init, { defineElement, mount, type ActiveSessionsOptions, type MountHandle } from "active-sessions";

const options: ActiveSessionsOptions = {
  baseUrl: "https://chat.example.com",
  pageSizes: [10, 25],
  pageSize: 10,
  syncUrl: false,
  locale: "de",
  messages: { de: { "toolbar.refresh": "Neu laden" } },
  localesUrl: "/static/locales/",
  timeoutMs: null,
};

export async function start(element: HTMLElement): Promise<MountHandle> {
  await init();
  const handle: MountHandle = mount(element, options);
  handle.setLocale("ar");
  const still: boolean = handle.mounted;
  if (!still) handle.unmount();
  const defined: boolean = defineElement("my-sessions");
  void defined;
  return handle;
}

// @ts-expect-error: a page size is a number.
const wrongType: ActiveSessionsOptions = { pageSize: "10" };
// @ts-expect-error: no such option.
const unknown: ActiveSessionsOptions = { pagesize: 10 };
// @ts-expect-error: messages map locales to objects of texts.
const badMessages: ActiveSessionsOptions = { messages: { de: "Neu laden" } };
// @ts-expect-error: setLocale takes a tag.
export const badLocale = (h: MountHandle) => h.setLocale(42);
void wrongType;
void unknown;
void badMessages;
