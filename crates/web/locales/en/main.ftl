# Idéspor: English

skip-to-content = Skip to content
nav-label = Main menu
nav-overview = My overview
nav-organizations = Organizations
nav-groups = Groups
nav-admin = Administration
nav-profile = My profile
nav-logout = Sign out
footer-text = Idéspor: from idea to decision, and back again.

form-required = required
form-has-errors = The form has errors
form-save = Save
form-none = None
form-actions = Actions

error-back-home = Go to the start page
error-title-400 = Bad request
error-title-401 = You are not signed in
error-title-403 = You do not have access to this
error-title-404 = Page not found
error-title-409 = This cannot be done right now
error-title-413 = Too much content
error-title-422 = The information is not valid
error-title-429 = Too many attempts
error-title-500 = Something went wrong
error-title-503 = Idéspor is unavailable right now

login-title = Sign in
login-intro = Sign in with your work e-mail and your password.
login-submit = Sign in
field-email = E-mail
field-password = Password

invitation-title = Welcome to Idéspor
invitation-intro = Hello { $name }. Choose a password to start using your account.
invitation-submit = Save password
field-new-password = New password
hint-password = At least 10 characters. A sentence is easier to remember than a code.

overview-title = My overview
overview-welcome = Welcome, { $name }.
overview-my-organization = My organization
overview-no-organization = You are not linked to an organization.
overview-my-groups = My groups
overview-no-groups = You are not a member of any group yet.

group-kind-erfa = Experience group
group-kind-steering = Steering group
group-kind-product = Product management group
role-coordinator = Coordinator
role-member = Member

orgs-title = Organizations
orgs-filter = Filter organizations
orgs-count = { $count ->
    [one] 1 organization
   *[other] { $count } organizations
}
filter-all = All
filter-apply = Show
org-kind-municipality = Municipality
org-kind-region = Region
org-kind-vendor = Vendor
field-kind = Kind
field-name = Name
field-code = Code
field-region = Region
field-official-name = Official name
field-cvr = CVR number
org-groups = Groups
org-no-groups = The organization is not in any group.
org-people = People
org-no-people = Nobody from this organization uses Idéspor yet.

groups-title = Groups
groups-intro = The experience groups bring the municipalities together by region. The steering group is made of their coordinators and the vendor's representatives and takes the ideas on to the product managers.
groups-coordinators = Coordinators
groups-organizations = Organizations
groups-members = People
group-coordinators = Coordinators
group-no-coordinators = The group has no coordinator yet.
group-members = Members
group-no-members = The group has no members yet.
group-organizations = Organizations in the group

profile-title = My profile
profile-details = My details
hint-work-email = Use your work e-mail. Idéspor stores only your work identity.
field-language = Language
profile-password = Password
field-current-password = Current password
profile-change-password = Change password
profile-tokens = API tokens
profile-tokens-intro = A personal API token lets another system use Idéspor on your behalf. Treat it like a password.
profile-token-created = Your new API token. Copy it now: it is shown only this once.
profile-token-value = API token
profile-no-tokens = You have no API tokens.
profile-token-created-at = Created
profile-token-last-used = Last used
profile-token-revoke = Revoke { $name }
profile-token-name = Name of the new token
profile-token-create = Create API token

admin-title = Administration
admin-organizations = Organizations
admin-organizations-intro = Municipalities, regions and the vendor.
admin-groups = Groups
admin-groups-intro = Experience groups, the steering group and the product management group, with members and coordinators.
admin-users = People
admin-users-intro = Invite people, edit their details and rights.
admin-audit = Recent changes
admin-audit-empty = No changes yet.
admin-audit-when = When
admin-audit-who = Who
admin-audit-what = What
admin-audit-details = Details
admin-audit-system = The system
admin-org-new = New organization
admin-import-hint = Many organizations at once: idespor import organizations FILE.csv
admin-org-create = Create organization
hint-code = A 3-digit kommunekode (e.g. 573) or a 4-digit region code.
hint-cvr = 8 digits.
admin-groups-all = All groups
admin-group-new = New group
admin-group-create = Create group
field-description = Description
admin-group-edit = The group's details
admin-group-people = People in the group
field-organization = Organization
field-role = Role
admin-role-of = Role of { $name }
admin-role-save = Save role of { $name }
admin-remove-person = Remove { $name }
admin-group-add-person = Add a person
field-person = Person
admin-add = Add
admin-group-no-orgs = No organizations in the group.
admin-remove-org = Remove { $name }
admin-group-add-org = Add an organization
admin-invitation-created = The invitation is ready. Send the link to the person; it works once and for 7 days.
admin-invitation-link = Invitation link
admin-user-invite = Invite a person
admin-users-count = { $count ->
    [one] 1 person
   *[other] { $count } people
}
admin-user-status = Status
admin-user-inactive = Deactivated
admin-user-invited = Invited
admin-user-admin = Administrator
admin-user-active = Active
admin-user-invite-submit = Create invitation
field-is-admin = Administrator
field-active = Active (can sign in)
admin-user-new-link = New invitation link
admin-user-send-link = Make a new invitation link

notice-saved = The changes are saved.
notice-created = Created.
notice-password_changed = Your password is changed. You are signed out everywhere else.
notice-token_revoked = The API token is revoked.
notice-welcome = Your password is saved. Sign in to get started.
notice-signed_out = You are signed out.
notice-member_saved = The person is saved in the group.
notice-member_removed = The person is removed from the group.
notice-organization_added = The organization is added to the group.
notice-organization_removed = The organization is removed from the group.

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

err-not_found = What you are looking for does not exist.
err-unauthenticated = You need to sign in first.
err-forbidden = You are not allowed to do that.
err-admin_only = Only administrators can do that.
err-cannot_demote_self = You cannot remove your own administrator right or deactivate yourself. Ask another administrator.
err-duplicate = It already exists.
err-still_referenced = It is still used elsewhere and cannot be changed like that.
err-invalid_input = Some of the information is not valid.
err-rate_limited = Too many failed attempts. Wait a quarter of an hour and try again.
err-unavailable = Idéspor cannot reach its database right now. Try again shortly.
err-internal = An unexpected error happened. It has been logged.
err-csrf_failed = The request was refused because it did not come from one of Idéspor's own pages. Reload the page and try again.
err-payload_too_large = Too much content was sent.
err-invalid_json = The content is not valid JSON.
err-unsupported_media_type = The content must be sent as application/json.
err-invalid_token = The API token is invalid or revoked.
err-login_failed = E-mail or password is wrong.
err-required = This field is required.
err-too_long = The text is too long.
err-kind_unknown = Choose a kind from the list.
err-kommunekode_invalid = A kommunekode has 3 digits, e.g. 573.
err-region_code_invalid = A region code has 4 digits, e.g. 1083.
err-code_not_allowed = A vendor has no code.
err-cvr_invalid = A CVR number has 8 digits.
err-region_unknown = Choose a region from the list.
err-email_invalid = Enter a valid e-mail address, e.g. name@kommune.dk.
err-language_unknown = Choose Danish or English.
err-organization_unknown = Choose an organization from the list.
err-password_too_short = The password must have at least 10 characters.
err-password_wrong = The current password is wrong.
err-email_taken = Someone already has that e-mail address.
err-code_taken = An organization already has that code.
err-name_taken = A group with that name already exists.
err-user_unknown = Choose a person from the list.
err-role_unknown = Choose member or coordinator.
err-code_duplicate_in_file = The code appears more than once in the file.

nav-ideas = Ideas
nav-releases = Releases
ideas-title = Development ideas
ideas-new = Write a new idea
ideas-filter = Filter ideas
field-status = Status
filter-open = All open
field-group = Group
field-area = Product area
ideas-show-only = Show only
filter-mine = My ideas
filter-ours = My organization's ideas
filter-supported = Ideas we support
field-sort = Sort by
sort-newest = Newest
sort-most_supported = Most supported
sort-recently_moved = Recently moved
sort-longest_waiting = Longest waiting
ideas-count = { $count ->
    [one] 1 idea
   *[other] { $count } ideas
}
ideas-none = No ideas match the filter.
pager-label = Pages
pager-prev = Previous page
pager-next = Next page
pager-page = Page { $page }

status-draft = Draft
status-submitted = Submitted to experience group
status-forwarded = Forwarded to the steering group
status-prioritized = Prioritized
status-in_assessment = Assessed by product management
status-needs_information = Needs information
status-accepted = Accepted (in backlog)
status-planned = Planned
status-in_development = In development
status-delivered = Delivered
status-solved_by_configuration = Solved by configuration
status-declined = Declined
status-merged = Merged
status-parked = Parked
status-withdrawn = Withdrawn

idea-held-by = with { $group }
idea-waited-days = { $days ->
    [one] waiting for 1 day
   *[other] waiting for { $days } days
}
idea-supports = { $count ->
    [one] 1 organization supports
   *[other] { $count } organizations support
}
idea-comments = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
idea-created = written { $date }
idea-citizen-warning-title = Never write citizens' data here.
idea-citizen-warning = No names, CPR numbers, diagnoses or anything else that can identify a citizen. Describe the situation in general terms.
idea-template-intro = Describe a need, not a solution: who you are at work, when the need arises, what is missing, and what it will bring if the need is met.
field-title = Title
hint-title = A short sentence that says what the need is about. At most 150 characters.
field-role-at-work = Your role
hint-role-at-work = E.g. home care nurse or system administrator.
field-situation = The work situation
hint-situation = When and where does the need arise?
field-need = The need or problem
hint-need = What is missing, or what is hard today? A need, not a feature. At most 5,000 characters.
field-effect = Expected effect
hint-effect = What gets better, and for whom, if the need is met?
form-choose = Choose
hint-markdown = You can use Markdown: **bold**, *italic*, lists and links. Each field at most 5,000 characters.
idea-save-draft = Save as draft
idea-edit = Edit the idea
idea-where-now = Where the idea is now
idea-rank = prioritized as no. { $rank }
idea-release = version { $version }
idea-merged-into = merged into idea #{ $id }
resolution-solved_by_configuration = The solution
resolution-declined = Why it was declined
resolution-parked = Why the idea is parked
idea-review-date = To be reviewed
idea-author = Written by
idea-erfa-group = Experience group
idea-written = Written
idea-support-title = Support
idea-supported-by = Supported by { $orgs ->
    [one] 1 organization
   *[other] { $orgs } organizations
} in { $groups ->
    [one] 1 experience group
   *[other] { $groups } experience groups
}.
idea-support-button = Support on behalf of my organization
idea-unsupport = Withdraw my support
idea-follow = Follow the idea
idea-unfollow = Stop following
idea-provenance = Merged from
idea-moves-title = What you can do now
move-submit = Submit to the experience group
move-withdraw = Withdraw the idea
move-forward = Forward to the steering group
move-solve_by_configuration = Solved by configuration
move-decline = Decline
move-merge = Merge into another idea
move-prioritize = Prioritize
move-send_to_product = Send to product management
move-park = Park
move-resume = Resume
move-ask_for_information = Ask for more information
move-answer = Answer and send back
move-accept = Accept into backlog
move-plan = Plan into a release
move-start = Start development
move-deliver = Mark delivered
idea-submit-to = Experience group
idea-standard-reason = Standard reason
decline-reason-legislation = Displaced by legislation
decline-reason-conflicts = Conflicts with other customers' ways of working
decline-reason-existing = Can be solved with existing functionality
idea-reason = Reason
idea-solution = The solution (so that others can use it)
idea-merge-into = The number of the idea to merge into
idea-reason-optional = Reason (optional)
idea-rank-label = Rank (1 is highest)
idea-question = The question
idea-answer = The answer
idea-release-label = Release
idea-journey = The idea's journey
idea-journey-empty = The idea has not been submitted yet.
event-submit = Submitted
event-withdraw = Withdrawn
event-forward = Forwarded
event-solve_by_configuration = Solved by configuration
event-decline = Declined
event-merge = Merged
event-prioritize = Prioritized
event-send_to_product = Sent to product management
event-park = Parked
event-resume = Resumed
event-ask_for_information = Question asked
event-answer = Answered
event-accept = Accepted
event-plan = Planned
event-start = Development started
event-deliver = Delivered
event-merged-from = idea #{ $id } was merged into this one
event-stage-days = { $days ->
    [one] 1 day after the previous step
   *[other] { $days } days after the previous step
}
comment-by = Comment by { $name }
comment-edited = edited { $date }
comment-edit-label = Edit your comment
comment-edit = Edit
comment-new = Write a comment
comment-submit = Send comment
releases-title = Releases
releases-none = There are no releases yet.
field-version = Version
field-planned-date = Planned date
field-released-date = Released
release-not-yet = Not released yet
release-new = New release
field-notes = Notes
release-create = Create release
release-heading = Version { $version }
release-ideas = Ideas in the release
group-queue = Waiting for us
group-queue-empty = The group has no ideas waiting.
notice-draft_saved = The draft is saved. Only you can see it until you submit it.
notice-moved = The idea has moved.

err-move_not_allowed = That is not possible with the idea as it stands now.
err-stale_version = Someone else changed the idea meanwhile. Look at its new state and try again.
err-only_author = Only the person who wrote the idea can do that.
err-only_erfa_coordinator = Only the coordinator of the idea's experience group can do that.
err-only_steering_member = Only members of the steering group can do that.
err-only_product_manager = Only the product managers can do that.
err-only_holder = Only the group holding the idea can do that.
err-only_information_giver = Only the idea's author, its experience group's coordinator or the group that got the question can answer.
err-review_date_in_past = The date must be after today.
err-rank_invalid = The rank must be a number from 1 to 999.
err-required_to_submit = This field must be filled in before the idea can be submitted.
err-product_area_unknown = Choose a product area from the list.
err-group_not_yours = Choose one of your own experience groups.
err-merge_into_self = An idea cannot be merged into itself.
err-idea_unknown = There is no idea with that number.
err-merge_target_closed = That idea is finished or a draft; choose an open idea.
err-release_unknown = Choose a release from the list.
err-move_unknown = Unknown action.
err-date_invalid = Write a date like 2026-05-11.
err-idea_closed = The idea is finished and cannot be supported.
err-idea_is_draft = Drafts cannot be commented on.
err-no_organization = You must belong to an organization to support ideas.
err-only_comment_author = Only the person who wrote the comment can edit it.
err-comment_edit_window_passed = The comment can no longer be edited.
err-community_not_set_up = The community lacks a steering group or a product management group.
err-idea_not_editable = The idea can no longer be edited once it has left the experience group.
err-version_taken = A release with that version already exists.

label-title = Title
label-role = Your role
label-situation = The work situation
label-need = The need
label-effect = Expected effect
label-product_area_id = Product area
label-name = Name
label-email = E-mail
label-password = Password
label-current_password = Current password
label-language = Language
label-kind = Kind
label-official_name = Official name
label-code = Code
label-cvr = CVR number
label-region_id = Region
label-description = Description
label-org_id = Organization
label-token_name = Name of the token
label-version = Version
label-planned_date = Planned date
label-released_date = Released
label-notes = Notes
label-body = Comment
label-reason = Reason
label-rank = Rank
label-review_date = To be reviewed
label-release_id = Release
label-into = Idea
label-group_id = Experience group
search-label = Search the ideas
search-hint = Searches in Danish: "borgere" also finds "borger" and "borgerens".
search-submit = Search
search-count = { $count ->
    [one] 1 idea matches the search
   *[other] { $count } ideas match the search
}
similar-title = Similar ideas
similar-intro = The need may already be there. Then you can support that idea instead of writing a new one.
admin-product-areas = Product areas
admin-product-areas-intro = The parts of the product an idea can be about.
admin-product-areas-none = There are no product areas yet. Create at least one before anyone can write ideas.
admin-product-area-new = New product area
release-edit = Edit the release
err-area_taken = A product area with that name already exists.
idea-move-failed = The action “{ $move }” was not carried out. See why below it.
comment-earlier-versions = { $count ->
    [one] Earlier version
   *[other] { $count } earlier versions
}
comment-replaced = Replaced { $date }
nav-notifications = Notifications
notifications-unread-suffix = unread
notifications-title = Notifications
notifications-unread = { $count ->
    [0] You have no unread notifications.
    [one] You have 1 unread notification.
   *[other] You have { $count } unread notifications.
}
notifications-none = You have no notifications yet. Follow an idea to hear what happens to it.
notifications-new = New
notifications-mark-all = Mark all as read
notifications-mark-one = Mark the notification about “{ $title }” as read
notification-moved = { $who }: { $status } ·
notification-commented = { $who } commented ·
notification-decision = { $group } made a decision ·
notification-meeting-planned = { $group }: meeting { $when } planned ·
notification-meeting-changed = { $group }: meeting { $when } changed ·
notification-meeting-cancelled = { $group }: meeting { $when } cancelled ·
notification-meeting-minutes = { $group }: minutes approved ·
mail-greeting = Dear
mail-why = You get this mail because you chose to hear of this kind of news at once.
mail-why-digest = You get this overview because you chose to gather your news in a digest.
mail-preferences = Choose what and how often
mail-unsubscribe = Unsubscribe from this kind of mail
mail-unsubscribe-all = Unsubscribe from all mail
digest-intro = Here is what happened
digest-period = from { $from } to { $to }.
digest-subject-daily = Today's overview { $period }
digest-subject-weekly = This week's overview { $period }
digest-decisions = Decisions
digest-my-ideas = Your ideas
digest-supported = Ideas your organization supports
digest-new-ideas = New ideas in your erfagrupper
digest-other = Ideas you follow
digest-meeting-changes = Meetings
digest-upcoming = Your meetings in the next two weeks
