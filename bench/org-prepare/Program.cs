using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;

// Usage: dotnet run -c Release --project bench/org-prepare -- [--accounts 1000,10000] [--latency-ms 50] [--concurrency N] [--show]
// (--show prints the tool's stdout and stderr: its table and progress.)
// Needs the built tool: dotnet build -c Release src/SpotConnect.Cli
var accountsArg = Option("--accounts", "1000,10000");
var latency = TimeSpan.FromMilliseconds(int.Parse(Option("--latency-ms", "50"), CultureInfo.InvariantCulture));
var concurrency = Option("--concurrency", null);
var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
var tool = Path.Combine(root, "src/SpotConnect.Cli/bin/Release/net10.0/spot-connect.dll");
if (!File.Exists(tool))
{
    Console.Error.WriteLine($"build the tool first: dotnet build -c Release src/SpotConnect.Cli ({tool} is missing)");
    return 1;
}

Console.WriteLine($"| accounts | latency | concurrency | wall time | Spot calls | creates | list calls | accounts/s | exit |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
foreach (var count in accountsArg.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
{
    using var stub = new SpotStub();
    // The network's latency is the bench's own, in real time (the tool is a real process against a real port).
    var spot = new SpotOrgStub(stub) { Latency = latency > TimeSpan.Zero ? () => Task.Delay(latency) : null };
    stub.Spot.ResetLogEntries();
    var dir = Directory.CreateTempSubdirectory("spotconnect-org-bench-");
    var management = "100000000000";
    File.WriteAllText(Path.Combine(dir.FullName, "accounts.json"), new JsonObject
    {
        ["Accounts"] = new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["Id"] = (100000000000L + i).ToString(CultureInfo.InvariantCulture),
            ["Arn"] = $"arn:aws:organizations::{management}:account/o-bench/{100000000000L + i}",
            ["Name"] = $"team-{i:00000}",
            ["State"] = "ACTIVE",
        }).ToArray()),
    }.ToJsonString());

    var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.FullName, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var a in new[] { tool, "org", "prepare", "--accounts", "accounts.json", "--target-ou", "r-ab12", "--management-account", management })
    {
        info.ArgumentList.Add(a);
    }

    if (concurrency is not null)
    {
        info.ArgumentList.Add("--concurrency");
        info.ArgumentList.Add(concurrency);
    }

    info.Environment["SPOTINST_TOKEN"] = SpotStub.Token;
    info.Environment["SPOTINST_API_URL"] = stub.Spot.Url;
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(info)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    watch.Stop();
    var calls = stub.Spot.LogEntries.ToList();
    var creates = calls.Count(e => e.RequestMessage!.Method == "POST" && e.RequestMessage.Path == "/setup/account");
    var lists = calls.Count(e => e.RequestMessage!.Method == "GET" && e.RequestMessage.Path == "/setup/account");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {count:N0} | {latency.TotalMilliseconds:0} ms | {concurrency ?? "default"} | {watch.Elapsed.TotalSeconds:0.0} s | {calls.Count:N0} | {creates:N0} | {lists} | {count / watch.Elapsed.TotalSeconds:0} | {process.ExitCode} |"));
    if (args.Contains("--show"))
    {
        Console.Error.WriteLine(await stderr);
        Console.WriteLine(await stdout);
    }
    else if (process.ExitCode != 0)
    {
        Console.Error.WriteLine((await stderr).Split('\n').TakeLast(20).Aggregate((a, b) => a + "\n" + b));
    }

    _ = await stdout;
    dir.Delete(recursive: true);
}

return 0;

string Option(string name, string? fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback!;
}
