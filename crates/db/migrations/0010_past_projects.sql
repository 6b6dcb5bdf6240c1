-- Past projects: the table `projects` becomes `past_projects`, so that "project" stays free for the projects
-- the platform will support. Its indexes follow the new name; no other table references it.
ALTER TABLE projects RENAME TO past_projects;
DROP INDEX projects_person;
DROP INDEX projects_organization;
CREATE INDEX past_projects_person ON past_projects (person_id);
CREATE INDEX past_projects_organization ON past_projects (organization_id);

-- Match explanations kept on introductions name the profile part the need's words were found in.
UPDATE introductions SET why = REPLACE(why, '"projects"', '"past_projects"');
