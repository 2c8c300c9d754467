//! A tour of every seed operation (the Perl `WebService::Mattermost` user resource), then an
//! offboarding flow driven by usernames (one batch lookup, deactivate, revoke sessions), then
//! a bot: a user converted into a bot account, given an access token, working in a team with
//! that token alone (channels, unread counts, threads) until the admin revokes the token.
//!
//! ```text
//! cargo run --example tour                      # against the embedded FakeServer, in memory
//! cargo run --example tour -- --serve           # the fake served on loopback, over real HTTP
//! cargo run --example tour -- --transport hyper --serve
//! cargo run --example tour -- --serve --rate-limit   # the fake limits like the server
//! MATTERMOST_URL=https://chat.example.com MATTERMOST_TOKEN=... cargo run --example tour
//!                                               # a real server: read-only unless --write
//! ```
//!
//! Each line reads: operation → `METHOD path` → status → one-line result.
//!
//! It lives in the facade crate, not in the workspace's test package, so its first build
//! compiles the SDK's dependencies only (no criterion, no spec tool); `cargo run --example
//! tour` finds it from the repository root (the facade is a default member).

use std::fmt::Debug;
use std::sync::Arc;

use mattermost_sdk::models::{NewUser, Preference, Role, StatusValue, UserAuthData, UserPatch};
use mattermost_sdk::{Batch, Call, Client, ClientBuilder, DynTransport, Endpoint, Error, Secret};
use mattermost_sdk_mock::fake;
use mattermost_sdk_mock::FakeServer;

/// Which transport the tour uses.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TransportKind {
    Fake,
    Reqwest,
    Hyper,
}

struct Options {
    transport: TransportKind,
    serve: bool,
    write: bool,
    rate_limit: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        transport: TransportKind::Fake,
        serve: false,
        write: false,
        rate_limit: false,
    };
    let mut explicit = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--serve" => o.serve = true,
            "--write" => o.write = true,
            "--rate-limit" => o.rate_limit = true,
            "--transport" => {
                explicit = true;
                o.transport = match args.next().as_deref() {
                    Some("fake") => TransportKind::Fake,
                    Some("reqwest") => TransportKind::Reqwest,
                    Some("hyper") => TransportKind::Hyper,
                    other => {
                        return Err(format!(
                            "--transport takes fake|reqwest|hyper, not {other:?}"
                        ))
                    }
                }
            }
            "-h" | "--help" => return Err(
                "usage: tour [--transport fake|reqwest|hyper] [--serve] [--rate-limit] [--write]"
                    .into(),
            ),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if o.serve && !explicit {
        o.transport = TransportKind::Reqwest;
    }
    Ok(o)
}

fn http_transport(kind: TransportKind) -> Arc<dyn DynTransport> {
    match kind {
        TransportKind::Hyper => Arc::new(mattermost_sdk_hyper::HyperTransport::new()),
        _ => Arc::new(mattermost_sdk_reqwest::ReqwestTransport::new()),
    }
}

/// Runs one call and prints its line; returns the value if it succeeded.
async fn step<E>(
    name: &str,
    call: Call<E>,
    show: impl Fn(&E::Output) -> String,
) -> Option<E::Output>
where
    E: Endpoint + Send + Sync + 'static,
    E::Output: Send,
{
    let wire = match call.request() {
        Ok(r) => format!("{} {}", r.method(), r.uri().path()),
        Err(_) => "(not sent)".to_owned(),
    };
    match call.with_response().await {
        Ok(resp) => {
            println!(
                "{name:<38} → {wire:<70} → {} → {}",
                resp.status.as_u16(),
                show(&resp.value)
            );
            Some(resp.value)
        }
        Err(e) => {
            let status = e
                .status()
                .map(|s| s.as_u16().to_string())
                .unwrap_or_else(|| "-".into());
            println!("{name:<38} → {wire:<70} → {status} → error: {e}");
            None
        }
    }
}

/// Runs one batch call (a list split into requests of at most 1000) and prints its line.
async fn batch_step<E>(
    name: &str,
    batch: Batch<E>,
    show: impl Fn(&E::Output) -> String,
) -> Option<E::Output>
where
    E: mattermost_sdk::core::batch::Batched + Clone + Send + Sync + 'static,
    E::Output: Send,
{
    let wire = match batch.requests() {
        Ok(reqs) => match reqs.first() {
            Some(r) => format!("{} {} (x{})", r.method(), r.uri().path(), reqs.len()),
            None => "(nothing to send)".to_owned(),
        },
        Err(_) => "(not sent)".to_owned(),
    };
    match batch.await {
        Ok(out) => {
            println!("{name:<38} → {wire:<70} → ok → {}", show(&out));
            Some(out)
        }
        Err(e) => {
            println!("{name:<38} → {wire:<70} → error: {e}");
            None
        }
    }
}

/// The user the tour converts into a bot. The tour's fake starts with it as a member of team
/// alpha (joining a team is the teams API, outside this SDK).
const TOUR_BOT_ID: &str = "faketourbot000000000000001";
const TOUR_BOT_USERNAME: &str = "tour-bot";
const TOUR_BOT_PASSWORD: &str = "Tour-Bot-Passw0rd!";

fn count<T: Debug>(items: &[T]) -> String {
    format!("{} item(s)", items.len())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let opts = match options() {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };

    let real = std::env::var("MATTERMOST_URL")
        .ok()
        .zip(std::env::var("MATTERMOST_TOKEN").ok());
    if let Some((url, token)) = real {
        let kind = if opts.transport == TransportKind::Hyper {
            TransportKind::Hyper
        } else {
            TransportKind::Reqwest
        };
        println!(
            "Real server {url} over {kind:?}{}",
            if opts.write {
                " (with --write)"
            } else {
                " (read-only; --write to change things)"
            }
        );
        let client = Client::builder(&url)
            .token(token)
            .shared_transport(http_transport(kind))
            .build()?;
        return real_tour(&client, opts.write).await;
    }

    // The fake's usual data, plus the user the tour turns into a bot, in team alpha.
    let fake_server = FakeServer::builder()
        .with_default_data()
        .user(
            TOUR_BOT_ID,
            TOUR_BOT_USERNAME,
            TOUR_BOT_PASSWORD,
            "system_user",
        )
        .team_member(fake::TEAM_ALPHA_ID, TOUR_BOT_ID)
        .build();
    if opts.rate_limit {
        // The server's limiter (`RateLimitSettings`): 20 requests a second, bursts of 10
        // more, per token. The client paces itself after `X-RateLimit-Remaining: 0` and
        // waits `Retry-After` after a 429.
        fake_server.set_rate_limit(Some(mattermost_sdk_mock::FakeRateLimit {
            per_sec: 20,
            max_burst: 10,
        }));
        println!("FakeServer rate limit on: 20/s, bursts of 10, per token\n");
    }
    let mut _served = None;
    let served_url = if opts.serve {
        let handle =
            mattermost_sdk_mock::serve(fake_server.clone(), "127.0.0.1:0".parse()?).await?;
        let url = handle.base_url();
        println!("FakeServer served on {url}, over {:?}\n", opts.transport);
        _served = Some(handle);
        Some(url)
    } else {
        println!("FakeServer in memory (use --serve for real HTTP on loopback)\n");
        None
    };
    // A builder for the fake, each time (a second client gets its own).
    let new_builder = || match &served_url {
        Some(url) => Client::builder(url.clone()).shared_transport(http_transport(opts.transport)),
        None => Client::builder("https://fake.mattermost.invalid").transport(fake_server.clone()),
    };
    let client = new_builder()
        .login(fake::ADMIN_LOGIN, fake::ADMIN_PASSWORD)
        .await?;
    println!(
        "{:<38} → {:<70} → 200 → logged in as {}, token from the Token header",
        "login",
        "POST /api/v4/users/login",
        fake::ADMIN_LOGIN
    );
    fake_tour(&client).await?;
    if let Some((bot, token_id)) = bot_account(&client, new_builder()).await? {
        bot_in_a_team(&bot).await;
        revoke_bot_token(&client, &bot, &token_id).await;
    }
    step(
        "logout",
        client.call(mattermost_sdk::core::endpoints::users::Logout::new()),
        |s| s.status.clone(),
    )
    .await;
    if opts.rate_limit {
        let log = fake_server.requests();
        let limited = log.iter().filter(|r| r.status.as_u16() == 429).count();
        println!(
            "\nrate limiter: {} requests, {limited} answered 429 (each waited out for its Retry-After)",
            log.len()
        );
    }
    Ok(())
}

/// As the bot, with its access token, in team alpha: list its channels there, mark a post
/// unread and show unread counts (`client.user(me).team(team)`); then follow a thread, mark
/// it unread and read, and show its unread counts (`...team(team).thread(id)`).
async fn bot_in_a_team(c: &Client) {
    println!("\n-- as the bot in a team: channels and unread counts (the bot's token) --");
    let me = c.user("me");
    let team = me.team(fake::TEAM_ALPHA_ID);
    step("team(..).channels", team.channels(), |chs| {
        chs.iter()
            .map(|ch| format!("{} ({} posts)", ch.display_name, ch.total_msg_count))
            .collect::<Vec<_>>()
            .join(", ")
    })
    .await;
    step(
        "set_post_unread",
        me.set_post_unread(fake::FLAGGED_POST_ID),
        |at| format!("{} still read", at.msg_count),
    )
    .await;
    step(
        "channel_unread",
        me.channel_unread(fake::CHANNEL_ALPHA_ID),
        |u| format!("{} unread, {} mentions", u.msg_count, u.mention_count),
    )
    .await;
    step("team(..).unread", team.unread(), |u| {
        format!("{} unread, {} mentions", u.msg_count, u.mention_count)
    })
    .await;

    println!("\n-- as the bot in a team: threads (the bot's token) --");
    let thread = team.thread(fake::THREAD_ROOT_ID);
    let counts = |t: &mattermost_sdk::models::ThreadResponse| {
        format!(
            "{} replies, {} unread, {} unread mentions, last viewed at {} ms",
            t.reply_count, t.unread_replies, t.unread_mentions, t.last_viewed_at
        )
    };
    step("follow thread", thread.follow(), |s| s.status.clone()).await;
    step(
        "set thread unread from a reply",
        thread.set_unread(fake::THREAD_REPLY_ID),
        counts,
    )
    .await;
    step("threads (unread counts)", team.threads(), |t| {
        format!(
            "{} followed, {} unread, {} unread mentions",
            t.total, t.total_unread_threads, t.total_unread_mentions
        )
    })
    .await;
    let last = step("thread", thread.get(), counts).await;
    let at = last.map_or(0, |t| t.last_reply_at);
    step(
        "mark thread read (ms since epoch)",
        thread.mark_read(at),
        counts,
    )
    .await;
    step("threads (after marking read)", team.threads(), |t| {
        format!("{} unread threads now", t.total_unread_threads)
    })
    .await;
    match team.threads().per_page(1).all().await {
        Ok(all) => println!(
            "{:<38} → {} thread(s) followed, by cursor",
            "threads .all()",
            all.len()
        ),
        Err(e) => println!("{:<38} → error: {e}", "threads .all()"),
    }
}

/// Every seed operation, against the fake (as the admin, on user alice and on `me`).
async fn fake_tour(c: &Client) -> Result<(), Error> {
    let alice = c.users().with_id(fake::USER_ID);
    let me = c.user("me");

    let user = step("get", alice.get(), |u| {
        format!("{} <{}>", u.username, u.email)
    })
    .await;
    if let Some(mut user) = user {
        user.position = Some("Tour guide".into());
        step("update", c.users().update(fake::USER_ID, user), |u| {
            format!("position = {:?}", u.position)
        })
        .await;
    }
    step("teams", alice.teams(), |t| {
        t.iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
    .await;
    step(
        "patch",
        alice.patch(UserPatch {
            nickname: Some("ally".into()),
            ..Default::default()
        }),
        |u| format!("nickname = {:?}", u.nickname),
    )
    .await;
    step(
        "update_roles",
        alice.update_roles([Role::SystemUser, Role::SystemUserAccessToken]),
        |s| s.status.clone(),
    )
    .await;
    step("generate_mfa_secret", me.generate_mfa_secret(), |m| {
        format!(
            "secret {:?}, QR code {} base64 chars",
            m.secret,
            m.qr_code.len()
        )
    })
    .await;
    step(
        "update_mfa",
        c.user(fake::MFA_USER_ID)
            .update_mfa(false)
            .code(fake::MFA_CODE),
        |s| s.status.clone(),
    )
    .await;
    let png = tiny_png();
    step(
        "set_profile_image",
        alice.set_profile_image(png.clone(), "image/png"),
        |s| format!("{} ({} bytes sent)", s.status, png.len()),
    )
    .await;
    step("get_profile_image", alice.get_profile_image(), |i| {
        format!(
            "{} bytes, {}",
            i.bytes.len(),
            i.content_type.as_deref().unwrap_or("?")
        )
    })
    .await;
    step(
        "update_password",
        alice
            .update_password("N3w-Passw0rd!")
            .current_password(Secret::new(fake::USER_PASSWORD)),
        |s| s.status.clone(),
    )
    .await;
    step(
        "update_authentication_method",
        alice.update_authentication_method(UserAuthData {
            auth_service: "ldap".into(),
            auth_data: Some("alice.ldap".into()),
            ..Default::default()
        }),
        |a| format!("auth_service = {:?}", a.auth_service),
    )
    .await;
    step("get_status", alice.get_status(), |s| s.status.to_string()).await;
    step(
        "set_status (me → real id in body)",
        me.set_status(StatusValue::Dnd),
        |s| format!("{} for {}", s.status, s.user_id),
    )
    .await;
    let sessions = step("get_sessions", alice.get_sessions(), |s| count(s)).await;
    if let Some(first) = sessions.and_then(|s| s.into_iter().next()) {
        step(
            "revoke_session",
            alice.revoke_session(first.id.as_str()),
            |s| s.status.clone(),
        )
        .await;
    }
    step("revoke_all_sessions", alice.revoke_all_sessions(), |s| {
        s.status.clone()
    })
    .await;
    step("get_preferences", alice.get_preferences(), |p| count(p)).await;
    let pref = Preference::new(
        fake::USER_ID,
        "display_settings",
        "use_military_time",
        "true",
    );
    step(
        "set_preferences",
        alice.set_preferences([pref.clone()]),
        |s| s.status.clone(),
    )
    .await;
    step(
        "list_preferences_by_category",
        alice.list_preferences_by_category("display_settings"),
        |p| count(p),
    )
    .await;
    step(
        "get_preference_by_category_and_name",
        alice.get_preference_by_category_and_name("display_settings", "use_military_time"),
        |p| format!("{} = {}", p.name, p.value),
    )
    .await;
    step(
        "delete_preferences",
        alice.delete_preferences([pref]),
        |s| s.status.clone(),
    )
    .await;
    step(
        "get_flagged_posts",
        alice.get_flagged_posts().page(0).per_page(60),
        |p| format!("{} post(s)", p.order.len()),
    )
    .await;
    step(
        "remove_reaction",
        alice.remove_reaction(fake::REACTION_POST_ID, fake::REACTION_EMOJI),
        |s| s.status.clone(),
    )
    .await;
    step(
        "get_authorised_apps",
        alice.get_authorised_apps().page(0).per_page(60),
        |a| {
            a.iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        },
    )
    .await;
    step(
        "update_active_status",
        alice.update_active_status(false),
        |s| s.status.clone(),
    )
    .await;
    step("deactivate", c.users().deactivate(fake::USER_ID), |s| {
        s.status.clone()
    })
    .await;
    step(
        "get (a bad id: typed error, no I/O)",
        c.users().get("not-an-id"),
        |u| u.username.clone(),
    )
    .await;
    offboarding(c).await
}

/// Offboarding a list of people by username: create two accounts (the people leaving),
/// look them all up in ONE batch call, then deactivate each and revoke its sessions.
async fn offboarding(c: &Client) -> Result<(), Error> {
    println!("\n-- offboarding by username --");
    for (name, password) in [("dave", "Dave-Passw0rd!"), ("erin", "Erin-Passw0rd!")] {
        let new = NewUser::new(name, format!("{name}@example.com"), password);
        step(&format!("create {name}"), c.users().create(new), |u| {
            format!("{} ({})", u.username, u.id)
        })
        .await;
    }
    let leaving = ["dave", "erin", "nobody-by-that-name"];
    let users = batch_step(
        "get_by_usernames (one call)",
        c.users().get_by_usernames(leaving),
        |found| format!("found {} of {}", found.len(), leaving.len()),
    )
    .await
    .unwrap_or_default();
    for user in &users {
        step(
            &format!("deactivate {}", user.username),
            c.users().deactivate(user),
            |s| s.status.clone(),
        )
        .await;
        step(
            &format!("revoke_all_sessions {}", user.username),
            c.users().revoke_all_sessions(user),
            |s| s.status.clone(),
        )
        .await;
    }
    step("list inactive", c.users().list().inactive(true), |u| {
        u.iter()
            .map(|u| u.username.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
    .await;
    step("stats (active users)", c.users().stats(), |s| {
        s.total_users_count.to_string()
    })
    .await;
    step(
        "search (a blank term: typed error, no I/O)",
        c.users().search(""),
        |u| count(u),
    )
    .await;
    Ok(())
}

/// A bot account for automation: the admin converts the tour's user into a bot (a bot cannot
/// log in with a password), gives it a personal access token, and a second client is built
/// from that token alone. Returns the bot's client and the token's ID. The token string is a
/// secret: nothing here prints it.
async fn bot_account(c: &Client, second: ClientBuilder) -> Result<Option<(Client, String)>, Error> {
    println!("\n-- a bot account and its access token (as the admin) --");
    let bot_user = c.user(TOUR_BOT_ID);
    let converted = step("convert_to_bot", bot_user.convert_to_bot(), |b| {
        format!("bot {} (owner {})", b.username, b.owner_id)
    })
    .await;
    if converted.is_none() {
        return Ok(None);
    }
    let Some(created) = step(
        "create_access_token (for the bot)",
        bot_user.create_access_token("tour automation"),
        |t| format!("token id {} ({:?})", t.id, t.token),
    )
    .await
    else {
        return Ok(None);
    };
    let token_id = created.id.clone();
    let bot = second.token(created.token).build()?;
    let me = step("me (with the bot's token)", bot.me(), |u| {
        format!(
            "I am {}, is_bot = {}",
            u.username,
            u.is_bot.unwrap_or(false)
        )
    })
    .await;
    if me.is_none() {
        return Ok(None);
    }
    // Bots authenticate with tokens only: the server refuses a bot's password login.
    step(
        "login as the bot (password: refused)",
        bot.call(mattermost_sdk::core::endpoints::users::Login::new(
            TOUR_BOT_USERNAME.to_owned(),
            Secret::new(TOUR_BOT_PASSWORD),
        )),
        |r| r.user.username.clone(),
    )
    .await;
    Ok(Some((bot, token_id)))
}

/// The admin revokes the bot's token; the bot's next call fails with 401.
async fn revoke_bot_token(c: &Client, bot: &Client, token_id: &str) {
    println!("\n-- revoking the bot's token (as the admin) --");
    step(
        "access_tokens().revoke",
        c.access_tokens().revoke(token_id),
        |s| s.status.clone(),
    )
    .await;
    match bot.me().await {
        Err(e) if e.is_unauthorized() => {
            println!(
                "{:<38} → {:<70} → 401 → unauthorized, as expected: {e}",
                "me (the bot, revoked token)", "GET /api/v4/users/me"
            )
        }
        other => println!("me (the bot, revoked token): unexpected {other:?}"),
    }
}

/// Against a real server: read-only operations on `me`; with `--write`, a few reversible
/// changes to `me` (nickname, status, one preference). Never the destructive ones.
async fn real_tour(c: &Client, write: bool) -> Result<(), Box<dyn std::error::Error>> {
    let me = c.user("me");
    let Some(user) = step("get", me.get(), |u| format!("{} <{}>", u.username, u.email)).await
    else {
        return Err("could not read /users/me; check MATTERMOST_URL and MATTERMOST_TOKEN".into());
    };
    step("teams", me.teams(), |t| {
        t.iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
    .await;
    step("get_profile_image", me.get_profile_image(), |i| {
        format!(
            "{} bytes, {}",
            i.bytes.len(),
            i.content_type.as_deref().unwrap_or("?")
        )
    })
    .await;
    step("get_status", me.get_status(), |s| s.status.to_string()).await;
    step("get_sessions", me.get_sessions(), |s| count(s)).await;
    step("get_preferences", me.get_preferences(), |p| count(p)).await;
    step(
        "list_preferences_by_category",
        me.list_preferences_by_category("display_settings"),
        |p| count(p),
    )
    .await;
    step(
        "get_flagged_posts",
        me.get_flagged_posts().per_page(20),
        |p| format!("{} post(s)", p.order.len()),
    )
    .await;
    step("get_authorised_apps", me.get_authorised_apps(), |a| {
        count(a)
    })
    .await;
    if write {
        let old = user.nickname.clone().unwrap_or_default();
        step(
            "patch",
            me.patch(UserPatch {
                nickname: Some(format!("{old} (tour)")),
                ..Default::default()
            }),
            |u| format!("nickname = {:?}", u.nickname),
        )
        .await;
        step(
            "patch (restore)",
            me.patch(UserPatch {
                nickname: Some(old),
                ..Default::default()
            }),
            |u| format!("nickname = {:?}", u.nickname),
        )
        .await;
        let status = step("get_status", me.get_status(), |s| s.status.to_string()).await;
        step("set_status", me.set_status(StatusValue::Away), |s| {
            s.status.to_string()
        })
        .await;
        if let Some(s) = status {
            step("set_status (restore)", me.set_status(s.status), |s| {
                s.status.to_string()
            })
            .await;
        }
        let pref = Preference::new(user.id.clone(), "mattermost_sdk_tour", "visited", "true");
        step("set_preferences", me.set_preferences([pref.clone()]), |s| {
            s.status.clone()
        })
        .await;
        step("delete_preferences", me.delete_preferences([pref]), |s| {
            s.status.clone()
        })
        .await;
    }
    Ok(())
}

/// A valid 1×1 PNG.
fn tiny_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
        0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
        0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ]
}
