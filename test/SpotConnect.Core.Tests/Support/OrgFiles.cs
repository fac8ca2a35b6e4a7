using System.Text.Json.Nodes;

namespace SpotConnect.Tests.Support;

/// <summary>The files the org commands read and write in a test's folder: the accounts file and the org state.</summary>
internal static class OrgFiles
{
    /// <summary>The accounts file (<c>accounts.json</c>) as <c>aws organizations list-accounts</c> prints it.</summary>
    public static void WriteAccounts(DirectoryInfo folder, string managementAccountId, params (string Id, string Name, string State)[] accounts) =>
        File.WriteAllText(Path.Combine(folder.FullName, "accounts.json"), new JsonObject
        {
            ["Accounts"] = new JsonArray(accounts.Select(a => (JsonNode)new JsonObject
            {
                ["Id"] = a.Id,
                ["Arn"] = $"arn:aws:organizations::{managementAccountId}:account/o-exampleorg/{a.Id}",
                ["Email"] = $"{a.Name}@example.com",
                ["Name"] = a.Name,
                ["State"] = a.State,
                ["JoinedMethod"] = "CREATED",
                ["JoinedTimestamp"] = "2024-01-01T00:00:00Z",
            }).ToArray()),
        }.ToJsonString());

    /// <summary>The org state file, as JSON.</summary>
    public static JsonObject State(string statePath) => JsonNode.Parse(File.ReadAllText(statePath))!.AsObject();

    /// <summary>One account of the org state file.</summary>
    public static JsonObject AccountOf(string statePath, string awsAccountId) =>
        State(statePath)["accounts"]!.AsArray().Single(a => a!["awsAccountId"]!.GetValue<string>() == awsAccountId)!.AsObject();
}
