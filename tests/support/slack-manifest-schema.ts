/**
 * The parts of Slack's app manifest schema (slackapi/manifest-schema, schemas/manifest.schema.1.0.0.json)
 * that Arising's manifests use, written here as zod from that schema's facts: which keys each object may
 * have (the schema forbids any other: `additionalProperties: false`, here `.strict()`), which are required,
 * and the lengths, patterns and enums it sets. Objects the manifests do not use (app_directory, functions,
 * workflows, datastores, …) are not described, so a manifest that adds one fails here until they are.
 */
import { z } from 'zod';

const httpUrl = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^https?:\/\//);

const scopeList = z.array(z.string().max(50)).max(255);
const eventList = z
  .array(z.string().max(50))
  .max(100)
  .refine((events) => new Set(events).size === events.length, { message: 'events must be unique' });

export const SlackManifestSchema = z
  .object({
    _metadata: z
      .object({
        schema_version: z.number().int(),
        min_version: z.number().int(),
        major_version: z.number().int(),
        minor_version: z.number().int(),
      })
      .partial()
      .strict()
      .optional(),
    display_information: z
      .object({
        name: z.string().min(1).max(35),
        description: z.string().min(1).max(140).optional(),
        background_color: z
          .string()
          .regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/)
          .optional(),
        long_description: z.string().min(175).max(4000).optional(),
      })
      .strict(),
    features: z
      .object({
        app_home: z
          .object({
            home_tab_enabled: z.boolean(),
            messages_tab_enabled: z.boolean(),
            messages_tab_read_only_enabled: z.boolean(),
          })
          .partial()
          .strict()
          .optional(),
        bot_user: z
          .object({ display_name: z.string().min(1).max(80), always_online: z.boolean().optional() })
          .strict()
          .optional(),
        shortcuts: z
          .array(
            z
              .object({
                name: z.string().min(1).max(24),
                type: z.enum(['message', 'global']),
                callback_id: z.string().min(1).max(255),
                description: z.string().min(1).max(150),
              })
              .strict(),
          )
          .min(1)
          .max(10)
          .optional(),
        slash_commands: z
          .array(
            z
              .object({
                command: z.string().min(2).max(32).regex(/^\//),
                url: httpUrl(3000).optional(),
                description: z.string().min(1).max(2000),
                usage_hint: z.string().min(1).max(1000).optional(),
                should_escape: z.boolean().optional(),
              })
              .strict(),
          )
          .min(1)
          .max(50)
          .optional(),
      })
      .strict()
      .optional(),
    oauth_config: z
      .object({
        redirect_urls: z.array(z.string().max(2500)).max(1000).optional(),
        scopes: z
          .object({ user: scopeList, bot: scopeList, user_optional: scopeList, bot_optional: scopeList })
          .partial()
          .strict()
          .optional(),
        token_management_enabled: z.boolean().optional(),
        pkce_enabled: z.boolean().optional(),
      })
      .strict()
      .optional(),
    settings: z
      .object({
        event_subscriptions: z
          .object({ request_url: httpUrl(3500), user_events: eventList, bot_events: eventList })
          .partial()
          .strict()
          .optional(),
        interactivity: z
          .object({
            is_enabled: z.boolean(),
            request_url: httpUrl(3500).optional(),
            message_menu_options_url: httpUrl(3500).optional(),
          })
          .strict()
          .optional(),
        org_deploy_enabled: z.boolean().optional(),
        socket_mode_enabled: z.boolean().optional(),
        token_rotation_enabled: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type SlackManifest = z.infer<typeof SlackManifestSchema>;
