//! THE message table: every text the panel shows, its catalog key and its English
//! wording (English is compiled in; the other languages are catalogs, see
//! `locales/`). A plural message lists its English `one` and `other` forms; a
//! catalog gives the forms its language needs (`zero one two few many other`).
//!
//! Placeholders are `{name}`; a plural message picks its form by `{count}`.
//! Adding a message is one row here, then a translation in each `locales/*.json`
//! (the host tests name what is missing).

macro_rules! messages {
    ($( $(#[doc = $doc:literal])* $name:ident $key:literal => $en:tt ),* $(,)?) => {
        /// A message of the table, by its place in it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u16)]
        #[allow(missing_docs)]
        pub enum M { $( $(#[doc = $doc])* $name ),* }

        /// Every message, in table order.
        pub const ALL: &[M] = &[$(M::$name),*];

        /// Catalog keys, in table order (the wasm reads `KEYS_TEXT`).
        #[cfg(any(test, feature = "internals"))]
        pub const KEYS: &[&str] = &[$($key),*];

        /// The keys again as one text, a key a line: what the wasm searches when it
        /// reads a catalog (no table of pointers).
        pub(crate) const KEYS_TEXT: &str = concat!($($key, "\n"),*);

        /// English, in table order (a plural message's `other` form).
        pub const ENGLISH: &[&str] = &[$(messages!(@other $en)),*];

        /// Which messages are plural, in table order (the wasm asks `M::is_plural`).
        #[cfg(any(test, feature = "internals"))]
        pub const PLURAL: &[bool] = &[$(messages!(@plural $en)),*];

        impl M {
            /// Whether the message has plural forms.
            pub fn is_plural(self) -> bool {
                false $(|| messages!(@is $en, self, M::$name))*
            }
            /// English's `one` form (a plain message: its only text).
            pub fn english_one(self) -> &'static str {
                match self {
                    $(M::$name => messages!(@one $en),)*
                }
            }
        }
    };
    (@other { one: $one:literal, other: $other:literal }) => { $other };
    (@other $text:literal) => { $text };
    (@one { one: $one:literal, other: $other:literal }) => { $one };
    (@one $text:literal) => { $text };
    (@plural { $($t:tt)* }) => { true };
    (@plural $text:literal) => { false };
    (@is { $($t:tt)* }, $s:expr, $v:path) => { $s == $v };
    (@is $text:literal, $s:expr, $v:path) => { false };
}

messages! {
    // The panel's landmarks.
    PanelHeading "panel.heading" => "Active sessions",

    // Sign-in.
    SigninTitle "signin.title" => "Sign in to see your sessions",
    SigninWith "signin.with" => "Sign in with",
    SigninModePassword "signin.mode_password" => "Username and password",
    SigninModeToken "signin.mode_token" => "User ID and access token",
    SigninUser "signin.user" => "Username or email",
    SigninPassword "signin.password" => "Password",
    SigninCode "signin.code" => "Two-factor code",
    SigninUserId "signin.user_id" => "User ID",
    SigninToken "signin.token" => "Personal access token",
    SigninSubmit "signin.submit" => "Sign in",
    SigninMissingPassword "signin.missing_password" => "Enter your username or email and your password.",
    SigninMissingToken "signin.missing_token" => "Enter your user ID and a personal access token.",
    SigninTokenRejected "signin.token_rejected" => "That user ID and token were not accepted.",
    SigninWrongPassword "signin.wrong_password" => "Wrong username, e-mail or password.",
    SigninCodeEmail "signin.code_email" => "Enter the two-factor code sent to your e-mail.",
    SigninCodeApp "signin.code_app" => "Enter the code from your two-factor authentication app.",
    SigninCodeInvalid "signin.code_invalid" => "The two-factor code is not valid. Please try again.",

    // Notices about this browser's sign-in.
    StorageBlocked "notice.storage_blocked" => "This browser blocks site storage here, so you will stay signed in only until this page is closed or reloaded.",
    StorageFull "notice.storage_full" => "Site storage is full, so you will stay signed in only until this page is closed or reloaded.",
    NoticeCorrupt "notice.corrupt" => "Saved sign-in data was unreadable and has been removed. Please sign in again.",
    NoticeFutureVersion "notice.future_version" => "Saved sign-in data comes from a newer version of this panel (format {version}). Please sign in again.",
    NoticeOtherTab "notice.other_tab" => "You signed out in another tab.",
    NoticeSignedOut "notice.signed_out" => "You are signed out.",

    // Toolbar.
    Filter "toolbar.filter" => "Filter sessions",
    FilterPlaceholder "toolbar.filter_placeholder" => "Browser, OS or app",
    SortBy "toolbar.sort" => "Sort by",
    SortNewest "sort.newest" => "Newest login first",
    SortOldest "sort.oldest" => "Oldest login first",
    SortClientAsc "sort.client_asc" => "Client A–Z",
    SortClientDesc "sort.client_desc" => "Client Z–A",
    SortOsAsc "sort.os_asc" => "OS A–Z",
    SortOsDesc "sort.os_desc" => "OS Z–A",
    PageSize "toolbar.page_size" => "Sessions per page",
    MaskIps "toolbar.mask_ips" => "Mask IP addresses",
    Refresh "toolbar.refresh" => "Refresh",
    SignOutOthers "toolbar.sign_out_others" => "Sign out all other devices",
    SignOut "toolbar.sign_out" => "Sign out",
    SignOutStale "toolbar.sign_out_stale" => {
        one: "Sign out {count} stale session",
        other: "Sign out {count} stale sessions"
    },
    SignOutStaleAny "toolbar.sign_out_stale_any" => "Sign out stale sessions",
    LogOutSelected "toolbar.log_out_selected" => "Log out selected ({count})",
    ClearSelection "toolbar.clear_selection" => "Clear selection",

    // Status line.
    Loading "status.loading" => "Loading sessions…",
    Updating "status.updating" => "Updating…",
    Showing "status.showing" => {
        one: "Showing {first}–{last} of {count} session",
        other: "Showing {first}–{last} of {count} sessions"
    },
    NoSessions "status.none" => "No sessions",
    PastEnd "status.past_end" => {
        one: "No sessions on this page ({count} in total)",
        other: "No sessions on this page ({count} in total)"
    },
    NewSince "status.new_since" => {
        one: "{count} new sign-in since {date}",
        other: "{count} new sign-ins since {date}"
    },
    PageLocalSort "status.page_local_sort" => "This order applies to the sessions on this page only: the server always splits pages by login time, newest first.",

    // Cards.
    ThisDevice "card.this_device" => "This device",
    /// A badge on a session that appeared since the user's last visit.
    New "card.new" => "New",
    NewLong "card.new_long" => "New since your last visit",
    /// A badge on a session not used for `stale_after_days`.
    Stale "card.stale" => "Stale",
    NotUsedSince "card.not_used_since" => "Not used since {date}",
    SelectDevice "card.select" => "Select {device}",
    IpAddress "card.ip" => "IP address",
    Host "card.host" => "Host",
    SignedIn "card.signed_in" => "Signed in",
    UnknownTime "card.unknown_time" => "unknown",
    UnknownDevice "card.unknown_device" => "Unknown device",
    DeviceOn "card.device_on" => "{client} on {os}",
    Details "card.details" => "Details",
    DetailsFor "card.details_for" => "Details for {device}",
    LogOut "card.log_out" => "Log out",
    LogOutDevice "card.log_out_device" => "Log out {device}",
    LoggingOut "card.logging_out" => "Logging out…",
    /// The device icons' accessible names.
    IconComputer "device.computer" => "Computer",
    IconPhone "device.phone" => "Phone",
    IconTablet "device.tablet" => "Tablet",
    IconOther "device.other" => "Other device",

    // A card's details.
    DetailsLoading "details.loading" => "Loading details…",
    Client "details.client" => "Client",
    System "details.system" => "System",
    LastActivity "details.last_activity" => "Last activity",
    Closed "details.closed" => "Closed",
    StillOpen "details.still_open" => "Still open",
    SessionId "details.session_id" => "Session ID",
    Copy "details.copy" => "Copy",
    CopySessionId "details.copy_label" => "Copy session ID",
    Copied "details.copied" => "Session ID copied.",

    // Empty states.
    NoMatch "empty.no_match" => "No sessions match “{filter}”.",
    ClearFilter "empty.clear_filter" => "Clear filter",
    OnlyHere "empty.only_here" => "No other sessions. You are signed in only here.",
    NoOthers "empty.none" => "No other sessions.",

    // Pager.
    Pagination "pager.label" => "Pagination",
    FirstPage "pager.first" => "First page",
    PreviousPage "pager.previous" => "Previous page",
    NextPage "pager.next" => "Next page",
    LastPage "pager.last" => "Last page",
    PageOf "pager.page" => "Page {page} of {pages}",

    // Confirmation dialogs.
    LogoutTitle "dialog.logout_title" => "Log out device",
    LogoutCurrent "dialog.logout_current" => "{device} is the device you are using now. Logging it out signs you out of this panel too.",
    LogoutOther "dialog.logout_other" => "{device} will be logged out of this workspace and its session ended. It can sign in again with the same device.",
    OthersTitle "dialog.others_title" => "Sign out all other devices",
    OthersCount "dialog.others_count" => {
        one: "{count} other session will be signed out. This device stays signed in.",
        other: "{count} other sessions will be signed out. This device stays signed in."
    },
    OthersUnknown "dialog.others_unknown" => "Every other session will be signed out. This device stays signed in.",
    StaleTitle "dialog.stale_title" => "Sign out stale sessions",
    StaleCount "dialog.stale_count" => {
        one: "{count} session not used since {cutoff} will be signed out. The oldest was last used on {date}.",
        other: "{count} sessions not used since {cutoff} will be signed out. The oldest was last used on {date}."
    },
    SelectedTitle "dialog.selected_title" => "Log out selected devices",
    SelectedCount "dialog.selected_count" => {
        one: "{count} device will be logged out:",
        other: "These {count} devices will be logged out:"
    },
    AndMore "dialog.and_more" => {
        one: "and {count} more",
        other: "and {count} more"
    },
    ConfirmMany "dialog.confirm_many" => {
        one: "Log out {count} device",
        other: "Log out {count} devices"
    },
    Cancel "dialog.cancel" => "Cancel",
    ConfirmLogout "dialog.confirm_logout" => "Log out device",
    ConfirmOthers "dialog.confirm_others" => "Sign out other devices",

    // Outcomes of logging one device out.
    LoggedOut "logout.done" => "{device} was logged out.",
    AlreadyLoggedOut "logout.already" => "{device} was already logged out.",
    LogoutFailed "logout.failed" => "Could not log out {device}: {error}",
    LoggedOutHere "logout.this_device" => "This device was logged out, so you are signed out here.",

    // "Sign out all other devices".
    BulkStart "bulk.start" => "Signing out the other devices…",
    BulkFailed "bulk.failed" => "Could not sign out the other devices: {error}",
    BulkUnread "bulk.unread" => "All other devices were signed out, but their sessions could not be read to remove them from the list: {error}",
    BulkOwnUnknown "bulk.own_unknown" => {
        one: "All other devices were signed out. This server does not say which listed session is this browser, so it still lists {count} session; its device can no longer use it.",
        other: "All other devices were signed out. This server does not say which listed session is this browser, so it still lists {count} sessions; their devices can no longer use them."
    },
    BulkRemoving "bulk.removing" => "Removing the signed-out sessions from the list: {done} of {total}…",
    BulkPartial "bulk.partial" => {
        one: "All other devices were signed out. {removed} of {total} sessions were removed from the list; {count} could not be ({error}) and is still listed.",
        other: "All other devices were signed out. {removed} of {total} sessions were removed from the list; {count} could not be ({error}) and are still listed."
    },
    BulkDone "bulk.done" => {
        one: "All other devices were signed out. Their {count} session was removed from the list.",
        other: "All other devices were signed out. Their {count} sessions were removed from the list."
    },
    BulkDoneNone "bulk.done_none" => "All other devices were signed out.",
    BulkWait "bulk.wait" => {
        one: "The server asks us to slow down: going on in {count} second…",
        other: "The server asks us to slow down: going on in {count} seconds…"
    },
    BulkWaitProgress "bulk.wait_progress" => {
        one: "The server asks us to slow down: going on in {count} second ({done} of {total} removed)…",
        other: "The server asks us to slow down: going on in {count} seconds ({done} of {total} removed)…"
    },

    // Signing out stale or selected sessions.
    StaleSearch "bulk.stale_search" => "Looking for stale sessions…",
    StaleNone "bulk.stale_none" => "No session is stale.",
    ManyProgress "bulk.progress" => "Signing out {done} of {total}…",
    ManyDone "bulk.many_done" => {
        one: "{count} session was signed out.",
        other: "{count} sessions were signed out."
    },
    ManyPartial "bulk.many_partial" => {
        one: "{done} of {total} signed out; {count} could not be:",
        other: "{done} of {total} signed out; {count} could not be:"
    },
    ManyStopped "bulk.many_stopped" => {
        one: "Stopped: {done} of {total} signed out; {count} was not tried.",
        other: "Stopped: {done} of {total} signed out; {count} were not tried."
    },
    FailedItem "bulk.failed_item" => "{device}: {error}",
    Stop "bulk.stop" => "Stop",

    // Errors, by what the client recognised (the server's own words are only a detail).
    ErrUnauthorized "error.unauthorized" => "Your session has expired or was signed out. Please sign in again.",
    ErrLicense "error.license" => "This Rocket.Chat server has no Premium license with device management, so sessions cannot be listed.",
    ErrForbidden "error.forbidden" => "You are not allowed to do this on this server.",
    ErrRateLimited "error.rate_limited" => {
        one: "Too many requests. Try again in {count} second.",
        other: "Too many requests. Try again in {count} seconds."
    },
    ErrRateLimitedNow "error.rate_limited_now" => "Too many requests. Try again now.",
    ErrRateLimitedWait "error.rate_limited_wait" => "Too many requests. Please wait a minute and try again.",
    ErrNotFound "error.not_found" => "Not found: the session may already be logged out, or the server address is wrong.",
    ErrBadSort "error.bad_sort" => "This server does not support the chosen sort order.",
    ErrRejected "error.rejected" => "The server rejected the request.",
    ErrServer "error.server" => "The server answered with an error ({status}).",
    ErrNetwork "error.network" => "Cannot reach the server (network or CORS).",
    ErrTimeout "error.timeout" => "The server took too long to answer.",
    ErrAborted "error.aborted" => "The request was cancelled.",
    ErrDecode "error.decode" => "The server sent a response this component does not understand.",
    ServerSays "error.server_says" => "{error} Server message: {detail}",
    Retry "error.retry" => "Retry",

    // The screen shown if the panel itself fails.
    PanicText "panic.text" => "Something went wrong in the sessions panel. Reload the page to try again.",
    PanicReload "panic.reload" => "Reload",
}
