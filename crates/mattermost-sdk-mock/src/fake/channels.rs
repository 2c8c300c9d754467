//! The fake's channel, channel-member, team-member and post-side state, grouped under
//! [`State::chan`](super::state::State): what `/users/{id}/teams/{team_id}/channels...`,
//! the unread operations, acknowledgements and reminders read and write.
//!
//! Membership itself stays where it was: `State::memberships` (team, user) and
//! `State::channels` (channel → team). A user is a member of every channel of every team
//! they are in (the fake's simplification; there are no channel joins yet). What a member
//! has *read* is kept here, per (channel, user): a member with no record has read everything.
//!
//! Counts follow `server/public/model/channel_member.go` and `channel.go`: a channel's
//! `total_msg_count` is its undeleted posts, a member's `msg_count` is how many of them they
//! have read, so the unread count is the difference (`GetChannelUnread`,
//! `server/channels/app/channel.go`). Timestamps are ms since the epoch.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::state::{Obj, State};

/// What one member has read in one channel (`model.ChannelMember`'s counters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ReadMark {
    /// Posts read (`msg_count`).
    pub(crate) msg_count: i64,
    /// Root posts read (`msg_count_root`).
    pub(crate) msg_count_root: i64,
    /// Unread mentions (`mention_count`).
    pub(crate) mention_count: i64,
    /// Unread root mentions (`mention_count_root`).
    pub(crate) mention_count_root: i64,
    /// Last time the channel was viewed, ms since the epoch (`last_viewed_at`).
    pub(crate) last_viewed_at: i64,
    /// Last update of this row, ms since the epoch (`last_update_at`).
    pub(crate) last_update_at: i64,
}

/// Channel-side state: channel objects, read marks, acknowledgements, reminders, uploads.
#[derive(Default)]
pub(crate) struct ChannelState {
    /// Channel ID → the channel object's own fields (name, display name, type, ...); the
    /// team comes from `State::channels`, counts are computed from the posts.
    pub(crate) objects: BTreeMap<String, Obj>,
    /// (channel ID, user ID) → what the member has read. Missing: everything.
    pub(crate) reads: BTreeMap<(String, String), ReadMark>,
    /// (post ID, user ID) → acknowledged at (ms since the epoch).
    pub(crate) acks: BTreeMap<(String, String), i64>,
    /// (post ID, user ID) → remind at (seconds since the epoch, as the server takes it).
    pub(crate) reminders: BTreeMap<(String, String), i64>,
    /// Upload sessions: upload ID → `model.UploadSession` JSON.
    pub(crate) uploads: BTreeMap<String, Obj>,
    // issue 12, users 3 of 3: retention policies and typing notices
    /// Team ID → its retention policy's post duration, days (none by default).
    pub(crate) team_policies: BTreeMap<String, i64>,
    /// Channel ID → its retention policy's post duration, days (none by default).
    pub(crate) channel_policies: BTreeMap<String, i64>,
    /// Typing notices published, oldest first: (user ID, channel ID, parent post ID).
    pub(crate) typing: Vec<(String, String, String)>,
}

fn i64_of(o: &Obj, key: &str) -> i64 {
    o.get(key).and_then(Value::as_i64).unwrap_or(0)
}

fn str_of<'a>(o: &'a Obj, key: &str) -> &'a str {
    o.get(key).and_then(Value::as_str).unwrap_or("")
}

impl State {
    /// The team of `channel`, if the channel exists.
    pub(crate) fn channel_team(&self, channel: &str) -> Option<&str> {
        self.channels.get(channel).map(String::as_str)
    }

    /// True if `user` is a member of `team`.
    pub(crate) fn in_team(&self, team: &str, user: &str) -> bool {
        self.memberships.iter().any(|(t, u)| t == team && u == user)
    }

    /// True if `user` is a member of `channel` (a member of its team, see the module docs).
    pub(crate) fn in_channel(&self, channel: &str, user: &str) -> bool {
        self.channel_team(channel)
            .is_some_and(|team| self.in_team(team, user))
    }

    /// The IDs of the channels `user` is in within `team`, sorted.
    pub(crate) fn channels_of(&self, user: &str, team: &str) -> Vec<String> {
        if !self.in_team(team, user) {
            return Vec::new();
        }
        self.channels
            .iter()
            .filter(|(_, t)| *t == team)
            .map(|(c, _)| c.clone())
            .collect()
    }

    /// The user IDs of the channel's members.
    pub(crate) fn channel_member_ids(&self, channel: &str) -> Vec<String> {
        match self.channel_team(channel) {
            Some(team) => self
                .memberships
                .iter()
                .filter(|(t, _)| t == team)
                .map(|(_, u)| u.clone())
                .collect(),
            None => Vec::new(),
        }
    }

    /// The channel's undeleted posts, oldest first.
    pub(crate) fn posts_of(&self, channel: &str) -> Vec<&Obj> {
        let mut posts: Vec<&Obj> = self
            .posts
            .values()
            .filter(|p| str_of(p, "channel_id") == channel && i64_of(p, "delete_at") == 0)
            .collect();
        posts.sort_by_key(|p| (i64_of(p, "create_at"), str_of(p, "id").to_owned()));
        posts
    }

    /// (posts, root posts, last post at, last root post at) of the channel.
    fn channel_counts(&self, channel: &str) -> (i64, i64, i64, i64) {
        let posts = self.posts_of(channel);
        let total = posts.len() as i64;
        let roots = posts
            .iter()
            .filter(|p| str_of(p, "root_id").is_empty())
            .count() as i64;
        let last = posts.last().map_or(0, |p| i64_of(p, "create_at"));
        let last_root = posts
            .iter()
            .rev()
            .find(|p| str_of(p, "root_id").is_empty())
            .map_or(0, |p| i64_of(p, "create_at"));
        (total, roots, last, last_root)
    }

    /// The channel as the API shows it (`model.Channel`), or `None` if it does not exist.
    pub(crate) fn channel_json(&self, channel: &str) -> Option<Obj> {
        let team = self.channel_team(channel)?;
        let (total, roots, last, last_root) = self.channel_counts(channel);
        let mut out = match json!({
            "id": channel, "create_at": super::state::EPOCH_MS, "update_at": super::state::EPOCH_MS,
            "delete_at": 0, "team_id": team, "type": "O", "display_name": channel,
            "name": channel, "header": "", "purpose": "", "creator_id": "",
            "scheme_id": null, "group_constrained": null, "shared": null,
            "policy_id": null,
        }) {
            Value::Object(m) => m,
            _ => Obj::new(),
        };
        if let Some(own) = self.chan.objects.get(channel) {
            out.extend(own.clone());
        }
        out.insert("total_msg_count".into(), json!(total));
        out.insert("total_msg_count_root".into(), json!(roots));
        out.insert("last_post_at".into(), json!(last));
        out.insert("last_root_post_at".into(), json!(last_root));
        Some(out)
    }

    /// What `user` has read in `channel` (everything if nothing was recorded).
    pub(crate) fn read_mark(&self, channel: &str, user: &str) -> ReadMark {
        if let Some(m) = self.chan.reads.get(&(channel.to_owned(), user.to_owned())) {
            return m.clone();
        }
        let (total, roots, last, _) = self.channel_counts(channel);
        ReadMark {
            msg_count: total,
            msg_count_root: roots,
            mention_count: 0,
            mention_count_root: 0,
            last_viewed_at: last,
            last_update_at: last,
        }
    }

    /// The member row (`model.ChannelMember`), or `None` if `user` is not in `channel`.
    pub(crate) fn channel_member_json(&self, channel: &str, user: &str) -> Option<Obj> {
        if !self.in_channel(channel, user) {
            return None;
        }
        let m = self.read_mark(channel, user);
        let roles = if self.is_admin(user) {
            "channel_user channel_admin"
        } else {
            "channel_user"
        };
        match json!({
            "channel_id": channel, "user_id": user, "roles": roles,
            "last_viewed_at": m.last_viewed_at, "msg_count": m.msg_count,
            "mention_count": m.mention_count, "mention_count_root": m.mention_count_root,
            "urgent_mention_count": 0, "msg_count_root": m.msg_count_root,
            "notify_props": {
                "desktop": "default", "email": "default", "ignore_channel_mentions": "default",
                "mark_unread": "all", "push": "default",
                "channel_auto_follow_threads": "off",
            },
            "last_update_at": m.last_update_at, "scheme_guest": false, "scheme_user": true,
            "scheme_admin": self.is_admin(user),
        }) {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// Marks `channel` read for `user` up to now.
    pub(crate) fn mark_channel_read(&mut self, channel: &str, user: &str) {
        let (total, roots, _, _) = self.channel_counts(channel);
        let now = self.now();
        self.chan.reads.insert(
            (channel.to_owned(), user.to_owned()),
            ReadMark {
                msg_count: total,
                msg_count_root: roots,
                mention_count: 0,
                mention_count_root: 0,
                last_viewed_at: now,
                last_update_at: now,
            },
        );
    }

    /// Marks `channel` unread for `user` from `post` on (`MarkChannelAsUnreadFromPost`,
    /// `server/channels/app/channel.go`): `last_viewed_at` becomes the post's `create_at` − 1,
    /// the read counts the posts before it; mentions of the user (`@username`) from the post
    /// on become the unread mentions. `collapsed_threads` counts root posts only.
    pub(crate) fn mark_channel_unread_from(
        &mut self,
        channel: &str,
        user: &str,
        post_create_at: i64,
    ) {
        let username = self
            .users
            .get(user)
            .map(|u| str_of(u, "username").to_owned())
            .unwrap_or_default();
        let mention = format!("@{username}");
        let posts = self.posts_of(channel);
        let before: Vec<&&Obj> = posts
            .iter()
            .filter(|p| i64_of(p, "create_at") < post_create_at)
            .collect();
        let after: Vec<&&Obj> = posts
            .iter()
            .filter(|p| i64_of(p, "create_at") >= post_create_at)
            .collect();
        let msg_count = before.len() as i64;
        let msg_count_root = before
            .iter()
            .filter(|p| str_of(p, "root_id").is_empty())
            .count() as i64;
        let mentions: Vec<&&&Obj> = after
            .iter()
            .filter(|p| !username.is_empty() && str_of(p, "message").contains(&mention))
            .collect();
        let mention_count = mentions.len() as i64;
        let mention_count_root = mentions
            .iter()
            .filter(|p| str_of(p, "root_id").is_empty())
            .count() as i64;
        let now = self.now();
        self.chan.reads.insert(
            (channel.to_owned(), user.to_owned()),
            ReadMark {
                msg_count,
                msg_count_root,
                mention_count,
                mention_count_root,
                last_viewed_at: post_create_at - 1,
                last_update_at: now,
            },
        );
    }

    /// The team member row (`model.TeamMember`), or `None` if `user` is not in `team`.
    pub(crate) fn team_member_json(&self, team: &str, user: &str) -> Option<Obj> {
        if !self.in_team(team, user) {
            return None;
        }
        let admin = self.is_admin(user);
        match json!({
            "team_id": team, "user_id": user,
            "roles": if admin { "team_user team_admin" } else { "team_user" },
            "delete_at": 0, "scheme_guest": false, "scheme_user": true, "scheme_admin": admin,
            "explicit_roles": "", "create_at": super::state::EPOCH_MS,
        }) {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The acknowledgements of `post`, oldest first (`model.PostAcknowledgement` JSON).
    pub(crate) fn acks_of(&self, post: &str) -> Vec<Value> {
        let mut acks: Vec<(&(String, String), &i64)> = self
            .chan
            .acks
            .iter()
            .filter(|((p, _), _)| p == post)
            .collect();
        acks.sort_by_key(|(_, at)| **at);
        acks.into_iter()
            .map(|((p, u), at)| {
                let channel = self
                    .posts
                    .get(p)
                    .map(|x| str_of(x, "channel_id").to_owned())
                    .unwrap_or_default();
                json!({"user_id": u, "post_id": p, "acknowledged_at": at, "channel_id": channel})
            })
            .collect()
    }

    /// A post as the API shows it: its `metadata.acknowledgements` filled from the state
    /// (omitted when there are none, as the server's `omitempty`).
    pub(crate) fn post_json(&self, post: &str) -> Option<Obj> {
        let mut out = self.posts.get(post)?.clone();
        let acks = self.acks_of(post);
        let meta = out
            .entry("metadata")
            .or_insert_with(|| Value::Object(Obj::new()));
        if let Value::Object(meta) = meta {
            if acks.is_empty() {
                meta.remove("acknowledgements");
            } else {
                meta.insert("acknowledgements".into(), Value::Array(acks));
            }
        }
        Some(out)
    }
}

// issue 12, users 3 of 3: what a test reads back (reminders, typing) and adds (uploads)
impl super::FakeServer {
    /// The reminder `user_id` set on `post_id` (`SetPostReminder`): its target time in
    /// seconds since the epoch, or `None`.
    pub fn post_reminder(&self, post_id: &str, user_id: &str) -> Option<i64> {
        self.lock()
            .chan
            .reminders
            .get(&(post_id.to_owned(), user_id.to_owned()))
            .copied()
    }

    /// The typing notices published so far (`PublishUserTyping`), oldest first, as
    /// `{"user_id", "channel_id", "parent_id"}` objects.
    pub fn typing_events(&self) -> Vec<Value> {
        self.lock()
            .chan
            .typing
            .iter()
            .map(|(u, c, p)| json!({"user_id": u, "channel_id": c, "parent_id": p}))
            .collect()
    }

    /// Starts an upload of `file_size` bytes of `filename` by `user_id` into `channel_id`
    /// (what `POST /api/v4/uploads` would make; nothing received yet) and returns its ID.
    /// `GET /users/{user_id}/uploads` lists it.
    pub fn add_upload(
        &self,
        user_id: &str,
        channel_id: &str,
        filename: &str,
        file_size: i64,
    ) -> String {
        let mut st = self.lock();
        let id = st.new_id();
        let at = st.now();
        st.add_upload(&id, user_id, channel_id, filename, file_size, at);
        id
    }
}

impl State {
    /// Records an upload session (`model.UploadSession`, type `attachment`).
    pub(crate) fn add_upload(
        &mut self,
        id: &str,
        user_id: &str,
        channel_id: &str,
        filename: &str,
        file_size: i64,
        at: i64,
    ) {
        if let Value::Object(o) = json!({
            "id": id, "type": "attachment", "create_at": at, "user_id": user_id,
            "channel_id": channel_id, "filename": filename, "file_size": file_size,
            "file_offset": 0, "remote_id": "", "req_file_id": "",
        }) {
            self.chan.uploads.insert(id.to_owned(), o);
        }
    }
}
