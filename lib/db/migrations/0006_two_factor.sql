CREATE TABLE "user_two_factor" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"secret" text,
	"enabled_at" timestamp with time zone,
	"last_used_step" bigint,
	"pending_secret" text,
	"pending_created_at" timestamp with time zone,
	"recovery_code_hashes" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "user_two_factor_enabled_check" CHECK (("user_two_factor"."secret" IS NULL) = ("user_two_factor"."enabled_at" IS NULL)),
	CONSTRAINT "user_two_factor_pending_check" CHECK (("user_two_factor"."pending_secret" IS NULL) = ("user_two_factor"."pending_created_at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "revisions" DROP CONSTRAINT "revisions_action_check";--> statement-breakpoint
ALTER TABLE "user_two_factor" ADD CONSTRAINT "user_two_factor_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_action_check" CHECK ("revisions"."action" IN ('create', 'update', 'import', 'retract', 'restore', 'merge', 'delete', 'role', 'disable', 'enable', 'password', 'logout_all', 'two_factor_enrol', 'two_factor_reset'));