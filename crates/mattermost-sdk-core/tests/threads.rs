//! The thread endpoints: the request each builds (method, URI, body), what they reject before
//! I/O, decoding the server's answers, and the cursor walk of `GetUserThreads`.

mod common;

use common::*;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::{ThreadResponse, Threads};
use mattermost_sdk_core::paging::{PageRule, Paged, Pager};
use mattermost_sdk_core::{parse_response, BuildError, Endpoint, PostId};
use serde_json::json;

/// Builds `ep` and checks method and URI (relative to the API root) and that there is no body.
fn check<E: Endpoint>(ep: &E, method: &str, uri: &str) {
    let req = build(ep);
    assert_eq!(req.method().as_str(), method, "{}", E::INFO.operation_id);
    assert_eq!(E::INFO.method, method);
    assert_eq!(req.uri().to_string(), format!("{ROOT}{uri}"));
    assert!(
        req.body().is_empty(),
        "{} sends no body",
        E::INFO.operation_id
    );
}

const TP: &str = "users/4xp9fdt77pncbef59f4k1qe83o/teams/h3f3bh7tb3ye9mzq5aqw5ruz6e/threads";

#[test]
fn every_thread_request_is_built_as_the_server_routes_it() {
    check(&GetUserThreads::new(uid(), tid()), "GET", TP);
    check(
        &GetUserThreads::new(uid(), tid())
            .since(5)
            .before(pid())
            .per_page(25)
            .unread(true)
            .extended(false)
            .totals_only(true)
            .exclude_direct(true),
        "GET",
        &format!("{TP}?since=5&before={P}&per_page=25&unread=true&extended=false&totalsOnly=true&excludeDirect=true"),
    );
    check(
        &GetThreadMentionCountsByChannel::new(uid(), tid()),
        "GET",
        &format!("{TP}/mention_counts"),
    );
    check(
        &UpdateThreadsReadForUser::new(uid(), tid()),
        "PUT",
        &format!("{TP}/read"),
    );
    check(
        &GetUserThread::new(uid(), tid(), pid()),
        "GET",
        &format!("{TP}/{P}"),
    );
    check(
        &GetUserThread::new(uid(), tid(), pid()).extended(true),
        "GET",
        &format!("{TP}/{P}?extended=true"),
    );
    check(
        &StartFollowingThread::new(uid(), tid(), pid()),
        "PUT",
        &format!("{TP}/{P}/following"),
    );
    check(
        &StopFollowingThread::new(uid(), tid(), pid()),
        "DELETE",
        &format!("{TP}/{P}/following"),
    );
    check(
        &UpdateThreadReadForUser::new(
            uid(),
            tid(),
            pid(),
            EpochMillis::new(1_700_000_000_123).unwrap(),
        ),
        "PUT",
        &format!("{TP}/{P}/read/1700000000123"),
    );
    // POST on the server (api4/user.go); older references said PUT.
    check(
        &SetThreadUnreadByPostId::new(uid(), tid(), pid(), PostId::new(U2).unwrap()),
        "POST",
        &format!("{TP}/{P}/set_unread/{U2}"),
    );
}

#[test]
fn bad_thread_input_is_refused_before_any_io() {
    let both = GetUserThreads::new(uid(), tid()).before(pid()).after(pid());
    assert!(matches!(
        try_build(&both),
        Err(BuildError::InvalidParam { param: "after", .. })
    ));
    let only = GetUserThreads::new(uid(), tid())
        .totals_only(true)
        .threads_only(true);
    assert!(matches!(
        try_build(&only),
        Err(BuildError::InvalidParam {
            param: "threads_only",
            ..
        })
    ));
    for n in [0, 201] {
        let ep = GetUserThreads::new(uid(), tid()).per_page(n);
        assert!(matches!(
            try_build(&ep),
            Err(BuildError::InvalidParam {
                param: "per_page",
                ..
            })
        ));
    }
    // `totals_only=false` with `threads_only=true` is fine.
    assert!(try_build(
        &GetUserThreads::new(uid(), tid())
            .totals_only(false)
            .threads_only(true)
    )
    .is_ok());
    assert!(matches!(
        EpochMillis::new(-1),
        Err(BuildError::InvalidParam {
            param: "timestamp",
            ..
        })
    ));
    assert_eq!(EpochMillis::new(0).unwrap().millis(), 0);
}

#[test]
fn thread_answers_decode_and_keep_unknown_fields() {
    let thread = json!({
        "id": P, "reply_count": 2, "last_reply_at": 20, "last_viewed_at": 10,
        "participants": [{"id": U}], "post": {"id": P, "message": "root", "user_id": U, "channel_id": C},
        "unread_replies": 1, "unread_mentions": 1, "is_urgent": false, "delete_at": 0,
        "future_field": {"x": 1}
    });
    let got: ThreadResponse = parse_response::<GetUserThread>(json_response(200, &thread)).unwrap();
    assert_eq!(
        (got.reply_count, got.last_viewed_at, got.unread_mentions),
        (2, 10, 1)
    );
    assert_eq!(got.participants[0].id, U);
    assert_eq!(got.post.as_ref().unwrap().message, "root");
    assert_eq!(got.extra["future_field"], json!({"x": 1}));
    assert_eq!(
        serde_json::to_value(&got).unwrap()["future_field"],
        json!({"x": 1})
    );

    let list = json!({"total": 3, "total_unread_threads": 1, "total_unread_mentions": 1,
        "total_unread_urgent_mentions": 0, "threads": [thread]});
    let got: Threads = parse_response::<GetUserThreads>(json_response(200, &list)).unwrap();
    assert_eq!((got.total, got.threads.len()), (3, 1));
    // `totalsOnly`: the server sends `"threads": null`.
    let totals = json!({"total": 3, "total_unread_threads": 1, "total_unread_mentions": 0,
        "total_unread_urgent_mentions": 0, "threads": null});
    let got: Threads = parse_response::<GetUserThreads>(json_response(200, &totals)).unwrap();
    assert!(got.threads.is_empty());

    let counts =
        parse_response::<GetThreadMentionCountsByChannel>(json_response(200, &json!({C: 2})))
            .unwrap();
    assert_eq!(counts[C], 2);
    let err = parse_response::<GetThreadMentionCountsByChannel>(json_response(
        404,
        &json!({"id": "api.context.404.app_error", "message": "not found", "status_code": 404}),
    ))
    .unwrap_err();
    assert!(
        err.to_string().contains("404") || format!("{err:?}").contains("api.context.404.app_error")
    );
}

fn thread(id: &str) -> ThreadResponse {
    ThreadResponse {
        id: id.into(),
        ..Default::default()
    }
}

/// Thread IDs of 26 characters, `t` plus the number.
fn tid_n(n: usize) -> String {
    format!("t{n:025}")
}

/// The cursor walk: the page number is never sent, `before` moves to each page's last
/// thread, and a short page ends the walk.
#[test]
fn the_thread_walk_follows_the_cursor_and_stops_on_a_short_page() {
    assert_eq!(GetUserThreads::RULE, PageRule::ShortPageEnds);
    // A server with 5 threads, newest first, answering pages of 2.
    let all: Vec<String> = (0..5).map(tid_n).collect();
    let serve = |ep: &GetUserThreads| -> Vec<ThreadResponse> {
        let start = match &ep.before {
            Some(b) => all.iter().position(|t| t == b.as_str()).unwrap() + 1,
            None => 0,
        };
        all.iter()
            .skip(start)
            .take(ep.per_page.unwrap() as usize)
            .map(|t| thread(t))
            .collect()
    };
    let mut ep = GetUserThreads::new(uid(), tid()).per_page(2);
    let mut pager = Pager::for_endpoint(&ep).unwrap();
    let (mut got, mut sent) = (Vec::new(), Vec::new());
    while let Some(page) = pager.next_page() {
        let page_ep = ep.clone().at_page(page, pager.per_page());
        let uri = build(&page_ep).uri().to_string();
        assert!(
            !uri.contains("?page=") && !uri.contains("&page="),
            "no page number is sent: {uri}"
        );
        sent.push(page_ep.before.as_ref().map(|b| b.as_str().to_owned()));
        let items = serve(&page_ep);
        pager.record(items.iter().map(GetUserThreads::key));
        if let Some(last) = items.last() {
            ep = ep.continue_after(last);
        }
        got.extend(items.into_iter().map(|t| t.id));
    }
    assert_eq!(got, all);
    assert_eq!(sent, vec![None, Some(tid_n(1)), Some(tid_n(3))]);

    // Started with `after`: the cursor moves on `after`, `before` stays unset.
    let ep = GetUserThreads::new(uid(), tid()).after(PostId::new(tid_n(9)).unwrap());
    let next = ep.continue_after(&thread(&tid_n(7)));
    assert_eq!(next.after.unwrap().as_str(), tid_n(7));
    assert!(next.before.is_none());
}
