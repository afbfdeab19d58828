CREATE TABLE `sim_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `partner_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`email` text NOT NULL,
	`roles` text NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_accounts_email_uq` ON `partner_accounts` (`partner_id`,`email`);--> statement-breakpoint
CREATE INDEX `partner_accounts_partner_ix` ON `partner_accounts` (`partner_id`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`display_name` text,
	`logo_url` text,
	`address` text,
	`consumer_otp_message` text,
	`corporate_otp_message` text,
	`email_properties` text,
	`contact_information` text NOT NULL,
	`limits` text NOT NULL,
	`settings` text NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_name_uq` ON `partners` (`name`);--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`principal_kind` text NOT NULL,
	`principal_id` text NOT NULL,
	`login` text NOT NULL,
	`password_hash` text,
	`one_time` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_login_uq` ON `credentials` (`partner_id`,`principal_kind`,`login`);--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_principal_uq` ON `credentials` (`principal_kind`,`principal_id`);--> statement-breakpoint
CREATE TABLE `password_secrets` (
	`secret` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`credential_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_secrets_credential_ix` ON `password_secrets` (`credential_id`);--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`credential_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `consumers` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`first_name` text,
	`middle_name` text,
	`last_name` text,
	`phone_country_code` text NOT NULL,
	`phone_number` text NOT NULL,
	`phone_digits` text NOT NULL,
	`phone_verified_at` integer,
	`email_address` text,
	`email_verified_at` integer,
	`last_terms_accepted` text,
	`profile` text NOT NULL,
	`kyc_application_id` text,
	`kyc_status` text NOT NULL,
	`kyc_status_reason` text,
	`kyc_type` text NOT NULL,
	`kyc_updated_at` integer,
	`banking_status` text NOT NULL,
	`linkcy_status` text NOT NULL,
	`compliance_status` text NOT NULL,
	`suspension_status` text NOT NULL,
	`status_reasons` text NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consumers_phone_uq` ON `consumers` (`partner_id`,`phone_digits`);--> statement-breakpoint
CREATE INDEX `consumers_partner_ix` ON `consumers` (`partner_id`,`creation_date`);--> statement-breakpoint
CREATE TABLE `email_verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`person_id` text NOT NULL,
	`email_address` text NOT NULL,
	`url_on_success` text,
	`url_on_failure` text,
	`status` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `email_verifications_person_ix` ON `email_verifications` (`person_id`);--> statement-breakpoint
CREATE TABLE `phone_verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`person_id` text NOT NULL,
	`phone_digits` text NOT NULL,
	`code` text NOT NULL,
	`attempts_left` integer NOT NULL,
	`status` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `phone_verifications_person_ix` ON `phone_verifications` (`person_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `kyc_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`person_id` text NOT NULL,
	`person_type` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`type` text NOT NULL,
	`access_type` text NOT NULL,
	`url_on_complete` text,
	`url_on_failure` text,
	`expires_at` integer,
	`identity` text NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kyc_partner_ix` ON `kyc_applications` (`partner_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `kyc_person_ix` ON `kyc_applications` (`person_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`person_id` text,
	`purpose` text NOT NULL,
	`text` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_partner_ix` ON `outbox` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `web_pages` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`resource_id` text NOT NULL,
	`status` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `web_pages_resource_ix` ON `web_pages` (`resource_id`);--> statement-breakpoint
CREATE TABLE `sca_devices` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`end_user_id` text NOT NULL,
	`end_user_kind` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`status` text NOT NULL,
	`pin_status` text NOT NULL,
	`biometry_status` text NOT NULL,
	`secret` text NOT NULL,
	`origin` text NOT NULL,
	`join_code` text,
	`join_code_expires_at` integer,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	`activation_date` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sca_devices_end_user_ix` ON `sca_devices` (`partner_id`,`end_user_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `sca_devices_join_code_ix` ON `sca_devices` (`join_code`);--> statement-breakpoint
CREATE TABLE `sca_interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`end_user_id` text NOT NULL,
	`device_id` text NOT NULL,
	`operation` text NOT NULL,
	`strategy` text NOT NULL,
	`factor` text,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`body_hash` text NOT NULL,
	`join_code` text,
	`nonce` text,
	`status` text NOT NULL,
	`auto_approve_at` integer,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`joined_at` integer,
	`decided_at` integer,
	`consumed_at` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `sca_devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sca_interactions_end_user_ix` ON `sca_interactions` (`partner_id`,`end_user_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `sca_interactions_join_code_uq` ON `sca_interactions` (`join_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `sca_interactions_nonce_uq` ON `sca_interactions` (`device_id`,`nonce`);--> statement-breakpoint
CREATE TABLE `end_user_suspensions` (
	`partner_id` text NOT NULL,
	`end_user_id` text NOT NULL,
	`operator` text NOT NULL,
	`reason` text,
	`date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `end_user_suspensions_uq` ON `end_user_suspensions` (`end_user_id`,`operator`);--> statement-breakpoint
CREATE TABLE `ledgers` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`end_user_id` text NOT NULL,
	`end_user_kind` text NOT NULL,
	`parent_id` text,
	`type` text NOT NULL,
	`country` text NOT NULL,
	`currency` text NOT NULL,
	`friendly_name` text,
	`iban` text,
	`bic_or_swift` text,
	`account_number` text,
	`sort_code` text,
	`routing_number` text,
	`status` text NOT NULL,
	`is_upgraded` integer NOT NULL,
	`auto_upgrade` integer NOT NULL,
	`limits` text,
	`available_cents` integer DEFAULT 0 NOT NULL,
	`reserved_cents` integer DEFAULT 0 NOT NULL,
	`suspensions` text NOT NULL,
	`close_information` text,
	`activation_date` integer,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledgers_available_not_negative" CHECK("ledgers"."available_cents" >= 0),
	CONSTRAINT "ledgers_reserved_not_negative" CHECK("ledgers"."reserved_cents" >= 0)
);
--> statement-breakpoint
CREATE INDEX `ledgers_partner_ix` ON `ledgers` (`partner_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `ledgers_end_user_ix` ON `ledgers` (`end_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledgers_iban_uq` ON `ledgers` (`iban`);--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`type` text NOT NULL,
	`payment_type` text NOT NULL,
	`status` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`sender_ledger_id` text,
	`receiver_ledger_id` text,
	`sender_end_user_id` text,
	`receiver_end_user_id` text,
	`sender` text NOT NULL,
	`receiver` text NOT NULL,
	`information` text NOT NULL,
	`details` text NOT NULL,
	`card_id` text,
	`beneficiary_id` text,
	`mandate_id` text,
	`related_transaction_id` text,
	`held_cents` integer DEFAULT 0 NOT NULL,
	`declined` integer DEFAULT false NOT NULL,
	`released` integer DEFAULT false NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transactions_partner_ix` ON `transactions` (`partner_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `transactions_sender_ledger_ix` ON `transactions` (`sender_ledger_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `transactions_receiver_ledger_ix` ON `transactions` (`receiver_ledger_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `transactions_card_ix` ON `transactions` (`card_id`,`creation_date`);--> statement-breakpoint
CREATE TABLE `beneficiaries` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`end_user_id` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`account_type` text NOT NULL,
	`iban` text,
	`bic_or_swift` text,
	`account_number` text,
	`sort_code` text,
	`status` text NOT NULL,
	`active` integer NOT NULL,
	`display` integer NOT NULL,
	`ledger_id` text,
	`data` text NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `beneficiaries_partner_ix` ON `beneficiaries` (`partner_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `beneficiaries_end_user_ix` ON `beneficiaries` (`end_user_id`,`iban`);--> statement-breakpoint
CREATE TABLE `mandates` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`end_user_id` text NOT NULL,
	`unique_reference` text NOT NULL,
	`status` text NOT NULL,
	`friendly_name` text,
	`debtor_type` text NOT NULL,
	`debtor_name` text NOT NULL,
	`debtor_iban` text,
	`debtor_bic` text,
	`debtor_ledger_id` text,
	`recurring` integer NOT NULL,
	`expiration_date` text NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mandates_partner_ix` ON `mandates` (`partner_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `mandates_end_user_ix` ON `mandates` (`end_user_id`);--> statement-breakpoint
CREATE TABLE `scheduled_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`due_at` integer NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `scheduled_jobs_due_ix` ON `scheduled_jobs` (`due_at`);--> statement-breakpoint
CREATE TABLE `card_pan_credentials` (
	`token` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`card_id` text NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `card_pan_credentials_card_ix` ON `card_pan_credentials` (`card_id`);--> statement-breakpoint
CREATE TABLE `cards` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`end_user_id` text NOT NULL,
	`ledger_id` text NOT NULL,
	`profile_id` text NOT NULL,
	`type` text NOT NULL,
	`scheme` text NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`status_other_reason` text,
	`status_operator` text,
	`name_on_card` text,
	`friendly_name` text,
	`delivery_method` text,
	`delivery_address` text,
	`delivery_shipment_date` text,
	`delivery_tracking_number` text,
	`pan` text NOT NULL,
	`pan_last4` text NOT NULL,
	`cvv` text NOT NULL,
	`expiry_month` integer NOT NULL,
	`expiry_year` integer NOT NULL,
	`pin` text NOT NULL,
	`pin_status` text NOT NULL,
	`pin_tries` integer DEFAULT 0 NOT NULL,
	`activation_date` integer,
	`expires_at` integer NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cards_partner_ix` ON `cards` (`partner_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `cards_ledger_ix` ON `cards` (`ledger_id`);--> statement-breakpoint
CREATE INDEX `cards_end_user_ix` ON `cards` (`end_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cards_pan_uq` ON `cards` (`pan`);--> statement-breakpoint
CREATE TABLE `card_profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`name` text NOT NULL,
	`design_id` text NOT NULL,
	`program_id` text NOT NULL,
	`scheme` text NOT NULL,
	`card_type` text NOT NULL,
	`user_type` text NOT NULL,
	`ledger_type` text NOT NULL,
	`currency` text NOT NULL,
	`active` integer NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `card_profiles_partner_ix` ON `card_profiles` (`partner_id`,`name`);--> statement-breakpoint
CREATE TABLE `card_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`scope` text NOT NULL,
	`owner_id` text NOT NULL,
	`type` text NOT NULL,
	`creator` text NOT NULL,
	`name` text,
	`value` integer NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `card_rules_owner_ix` ON `card_rules` (`scope`,`owner_id`,`type`);--> statement-breakpoint
CREATE TABLE `end_user_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`end_user_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`requested` integer NOT NULL,
	`friendly_name` text,
	`file_name` text,
	`content_type` text,
	`size` integer,
	`content` blob,
	`transaction_id` text,
	`beneficiary_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `end_user_documents_end_user_ix` ON `end_user_documents` (`partner_id`,`end_user_id`);--> statement-breakpoint
CREATE TABLE `file_links` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`start_date` text,
	`end_date` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `file_links_subject_ix` ON `file_links` (`subject_id`);--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`message_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`response_code` integer,
	`latency_ms` integer,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_message_ix` ON `webhook_attempts` (`message_id`);--> statement-breakpoint
CREATE INDEX `webhook_attempts_status_ix` ON `webhook_attempts` (`status`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`event_types` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_partner_ix` ON `webhook_endpoints` (`partner_id`);--> statement-breakpoint
CREATE TABLE `webhook_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`svix_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`event_type` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_messages_partner_ix` ON `webhook_messages` (`partner_id`);--> statement-breakpoint
CREATE TABLE `corporate_related` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`corporate_id` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text,
	`is_director` integer NOT NULL,
	`director_appointment_date` text,
	`is_account_owner` integer DEFAULT false NOT NULL,
	`is_special_ubo` integer DEFAULT false NOT NULL,
	`is_pep` integer DEFAULT false NOT NULL,
	`first_name` text,
	`middle_name` text,
	`last_name` text,
	`phone_country_code` text,
	`phone_number` text,
	`phone_digits` text,
	`phone_verified_at` integer,
	`email_address` text,
	`email_verified_at` integer,
	`kyc_application_id` text,
	`kyc_status` text,
	`kyc_status_reason` text,
	`kyc_type` text,
	`kyc_updated_at` integer,
	`registered_name` text,
	`trade_name` text,
	`incorporation_country` text,
	`incorporation_code` text,
	`profile` text NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corporate_id`) REFERENCES `corporates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `corporate_related_corporate_ix` ON `corporate_related` (`corporate_id`,`creation_date`);--> statement-breakpoint
CREATE INDEX `corporate_related_partner_ix` ON `corporate_related` (`partner_id`);--> statement-breakpoint
CREATE TABLE `corporate_shares` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`corporate_id` text NOT NULL,
	`holder_id` text NOT NULL,
	`owned_related_id` text,
	`percentage` real NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corporate_id`) REFERENCES `corporates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`holder_id`) REFERENCES `corporate_related`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owned_related_id`) REFERENCES `corporate_related`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "corporate_shares_percentage_ck" CHECK("corporate_shares"."percentage" > 0 AND "corporate_shares"."percentage" <= 100)
);
--> statement-breakpoint
CREATE INDEX `corporate_shares_corporate_ix` ON `corporate_shares` (`corporate_id`);--> statement-breakpoint
CREATE INDEX `corporate_shares_holder_ix` ON `corporate_shares` (`holder_id`);--> statement-breakpoint
CREATE TABLE `corporates` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`external_id` text,
	`registered_name` text NOT NULL,
	`trade_name` text,
	`incorporation_country` text NOT NULL,
	`incorporation_code` text NOT NULL,
	`phone_digits` text NOT NULL,
	`last_terms_accepted` text,
	`profile` text NOT NULL,
	`is_extended_ubos` integer DEFAULT false NOT NULL,
	`kyb_status` text NOT NULL,
	`kyb_status_reason` text,
	`kyb_last_verification_request_at` integer,
	`banking_status` text NOT NULL,
	`linkcy_status` text NOT NULL,
	`compliance_status` text NOT NULL,
	`suspension_status` text NOT NULL,
	`status_reasons` text NOT NULL,
	`creation_date` integer NOT NULL,
	`update_date` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `corporates_incorporation_uq` ON `corporates` (`partner_id`,`incorporation_country`,`incorporation_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `corporates_phone_uq` ON `corporates` (`partner_id`,`phone_digits`);--> statement-breakpoint
CREATE INDEX `corporates_partner_ix` ON `corporates` (`partner_id`,`creation_date`);--> statement-breakpoint
CREATE TABLE `sim_faults` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`partner_name` text,
	`method` text,
	`path` text NOT NULL,
	`when` text NOT NULL,
	`status` integer,
	`error_code` text,
	`error_params` text,
	`delay_ms` integer,
	`retry_after_seconds` integer,
	`times` integer,
	`probability` real,
	`matched` integer NOT NULL,
	`hits` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sim_faults_seq_uq` ON `sim_faults` (`seq`);