-- Notifications stored before the course-request link became canonical pointed at
-- /offerings/requests/<id>, a path outside the side menu (nothing was highlighted when
-- opened): rewrite them to the page's canonical path /course-requests/<id>.
UPDATE "notifications" SET "link" = '/course-requests/' || substr("link", length('/offerings/requests/') + 1)
WHERE "link" LIKE '/offerings/requests/%';
