import { OAuth2Scopes, PermissionFlagsBits } from "discord.js";

/**
 * The bot answers through interactions, which need no channel permission of their own; these cover the
 * messages it posts in channels and threads (group rounds, the daily question) with embeds and files.
 */
export const REQUIRED_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

export const SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands];

export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: SCOPES.join(" "),
    permissions: REQUIRED_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
