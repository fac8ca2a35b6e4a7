using System.Text.Json.Nodes;
using System.Xml.Linq;
using SpotConnect.Cli.Project;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>
/// <c>spot-connect init</c>: the files it writes, pinned to this tool's version and to what SpotConnect is tested with,
/// its workflows valid by GitHub's own parser, and its refusals; and the tool deploying only from such a project.
/// (A generated project built against the packed packages is checked in PackageTests.)
/// </summary>
public sealed class InitTests : IDisposable
{
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-init-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Read(string project, string path) => File.ReadAllText(Path.Combine(_dir.FullName, project, path));

    [Theory]
    [InlineData(false, "spot-prod", "SpotProd")]
    [InlineData(true, "acme-org", "AcmeOrg")]
    public void Init_writes_a_project_pinned_to_this_version_with_the_settings_in_cdk_json(bool org, string folder, string name)
    {
        var result = CliRunner.RunIn(_dir.FullName, org ? ["init", folder, "--org"] : ["init", folder]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains($"SpotConnect {SpotProject.ToolVersion}", result.StdOut, StringComparison.Ordinal);
        var root = Path.Combine(_dir.FullName, folder);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        string[] expected =
        [
            ".config/dotnet-tools.json", org ? ".github/workflows/spot-connect-org.yml" : ".github/workflows/spot-connect.yml", ".gitignore",
            "Directory.Build.props", "Directory.Packages.props", "README.md", "cdk.context.json", "cdk.json", "package-lock.json", "package.json",
            "scripts/cdk-app.mjs", "scripts/setup.mjs", $"src/{name}/Program.cs", $"src/{name}/{name}.csproj",
            org ? $"test/{name}.Tests/RolloutTests.cs" : $"test/{name}.Tests/ConnectionTests.cs", $"test/{name}.Tests/{name}.Tests.csproj",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), files);
        Assert.All(files, f => Assert.DoesNotMatch(@"\{\{[A-Z][A-Za-z]*\}\}", Read(folder, f))); // every template token rendered

        // The tool and the package: this tool's version, exactly.
        var tools = JsonNode.Parse(Read(folder, ".config/dotnet-tools.json"))!;
        Assert.Equal(SpotProject.ToolVersion, tools["tools"]!["spotconnect.cli"]!["version"]!.GetValue<string>());
        var pins = XDocument.Parse(Read(folder, "Directory.Packages.props")).Descendants().Where(e => e.Name.LocalName == "PackageVersion")
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value);
        Assert.Equal($"[{SpotProject.ToolVersion}]", pins["SpotConnect"]);
        var ours = XDocument.Load(Path.Combine(Repo.Root, "Directory.Packages.props")).Descendants().Where(e => e.Name.LocalName == "PackageVersion")
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value);
        Assert.All(new[] { "xunit", "xunit.runner.visualstudio", "Microsoft.NET.Test.Sdk" }, id => Assert.Equal(ours[id], pins[id]));

        // The CDK CLI SpotConnect is tested with, locked as SpotConnect locks it.
        var ownPackage = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "package.json")))!;
        var package = JsonNode.Parse(Read(folder, "package.json"))!;
        Assert.Equal(ownPackage["devDependencies"]!["aws-cdk"]!.GetValue<string>(), package["devDependencies"]!["aws-cdk"]!.GetValue<string>());
        Assert.Equal(["cdk", "synth", "test"], package["scripts"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Contains("\"synth\": \"node scripts/setup.mjs && cdk synth\"", Read(folder, "package.json"), StringComparison.Ordinal); // as a person writes it, not \u0026
        var ownLock = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "package-lock.json")))!["packages"]!["node_modules/aws-cdk"]!;
        var lockFile = JsonNode.Parse(Read(folder, "package-lock.json"))!;
        Assert.Equal(ownLock.ToJsonString(), lockFile["packages"]!["node_modules/aws-cdk"]!.ToJsonString());
        Assert.Equal(package["name"]!.GetValue<string>(), lockFile["name"]!.GetValue<string>());

        // cdk.json: SpotConnect's feature flags, and the connection's settings written out for review.
        var cdk = JsonNode.Parse(Read(folder, "cdk.json"))!;
        var ownCdk = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "cdk.json")))!;
        Assert.All(ownCdk["context"]!.AsObject(), flag => Assert.Equal(flag.Value!.ToJsonString(), cdk["context"]![flag.Key]!.ToJsonString()));
        Assert.Equal("default", cdk["context"]!["spot:bundles"]!.GetValue<string>());
        Assert.Equal(org ? "SpotOrgStack" : "SpotLinkStack", cdk["context"]!["spot:stackName"]!.GetValue<string>());
        Assert.Equal(org, cdk["context"]!["spot:orgState"] is not null);
        var settings = SpotConnect.Settings.CdkProject.Load(root).Settings;
        Assert.Empty(settings.Problems);

        // The app is the public host, nothing else; the project is one the tool deploys from.
        Assert.Contains("SpotConnect.Hosting.SpotConnectApp.Run()", Read(folder, $"src/{name}/Program.cs"), StringComparison.Ordinal);
        Assert.Equal(SpotProject.ToolVersion, SpotProject.Open(root).SpotConnectVersion);
        Assert.False(File.Exists(Path.Combine(root, "nuget.config")));
    }

    [Fact]
    public void The_workflows_are_valid_by_GitHubs_own_parser_and_run_the_pinned_tool()
    {
        Assert.Equal(0, CliRunner.RunIn(_dir.FullName, "init", "link").ExitCode);
        Assert.Equal(0, CliRunner.RunIn(_dir.FullName, "init", "org", "--org").ExitCode);
        var link = Path.Combine(_dir.FullName, "link", ".github", "workflows", "spot-connect.yml");
        var org = Path.Combine(_dir.FullName, "org", ".github", "workflows", "spot-connect-org.yml");
        var bad = Path.Combine(_dir.FullName, "bad.yml");
        File.WriteAllText(bad, "on: push\njobs:\n  b:\n    runs-onn: ubuntu-latest\n");

        var check = ProcessRunner.Run("node", [Path.Combine(Repo.Root, "tools", "workflow-check", "workflow-check.mjs"), link, org, bad], new Dictionary<string, string?>(), Repo.Root);

        Assert.True(check.ExitCode == 0, check.StdErr);
        var reports = check.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToDictionary(r => r["file"]!.GetValue<string>(), r => r["errors"]!.AsArray());
        Assert.Empty(reports[link]);
        Assert.Empty(reports[org]);
        Assert.NotEmpty(reports[bad]); // the checker does check

        // Every job that deploys or syncs installs the pinned CDK CLI first (the tool deploys with the project's own).
        foreach (var (file, command) in new[] { (link, "spot-connect link deploy"), (org, "spot-connect org sync") })
        {
            var text = File.ReadAllText(file);
            var job = text[..text.IndexOf(command, StringComparison.Ordinal)];
            job = job[job.LastIndexOf("runs-on:", StringComparison.Ordinal)..];
            Assert.Contains("node scripts/setup.mjs", job, StringComparison.Ordinal);
            Assert.Contains("dotnet tool restore", job, StringComparison.Ordinal);
        }

        var linkText = File.ReadAllText(link);
        Assert.Contains("dotnet tool restore", linkText, StringComparison.Ordinal);
        Assert.Contains("dotnet tool run spot-connect link plan --markdown >> \"$GITHUB_STEP_SUMMARY\"", linkText, StringComparison.Ordinal);
        Assert.Contains("dotnet tool run spot-connect link deploy", linkText, StringComparison.Ordinal);
        Assert.Contains("id-token: write", linkText, StringComparison.Ordinal);
        var orgText = File.ReadAllText(org);
        Assert.Contains("org plan --markdown", orgText, StringComparison.Ordinal);
        Assert.Matches(@"schedule:\s*\n\s*- cron: ""[0-9*/ ,-]+""", orgText);
        Assert.Contains("dotnet tool run spot-connect org sync --accounts accounts.json", orgText, StringComparison.Ordinal);
        Assert.Contains("git add spot-org.json", orgText, StringComparison.Ordinal);
        Assert.Contains("SPOTINST_TOKEN: ${{ secrets.SPOTINST_TOKEN }}", orgText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused_naming_what_is_there_and_nothing_is_written()
    {
        var target = Directory.CreateDirectory(Path.Combine(_dir.FullName, "taken"));
        File.WriteAllText(Path.Combine(target.FullName, "notes.txt"), "mine");

        var result = CliRunner.RunIn(_dir.FullName, "init", "taken", "--name", "1bad");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("must be new or empty, so nothing is overwritten; it holds notes.txt", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--name: '1bad' is invalid", result.StdErr, StringComparison.Ordinal); // every problem at once
        Assert.Equal(["notes.txt"], target.EnumerateFileSystemInfos().Select(f => f.Name));
        Assert.Equal(["taken"], _dir.EnumerateFileSystemInfos().Select(f => f.Name)); // no staging folder left beside it
    }

    [Theory]
    [InlineData("spot-connect", "SpotConnect")]
    [InlineData("constructs", "Constructs")]
    public void A_name_that_is_a_package_the_project_builds_on_is_refused(string folder, string package)
    {
        var result = CliRunner.RunIn(_dir.FullName, "init", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"is the id of a package the project builds on ({package})", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_dir.EnumerateFileSystemInfos());
        Assert.Equal(0, CliRunner.RunIn(_dir.FullName, "init", folder, "--name", "AcmeSpot").ExitCode);
    }

    [Fact]
    public void Source_adds_the_package_feed_in_nuget_config()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_dir.FullName, "feed"));

        Assert.Equal(0, CliRunner.RunIn(_dir.FullName, "init", "with-feed", "--source", "feed").ExitCode);

        var config = XDocument.Parse(Read("with-feed", "nuget.config"));
        Assert.Contains(config.Descendants("add"), e => e.Attribute("value")!.Value == feed.FullName);
        Assert.Equal(2, CliRunner.RunIn(_dir.FullName, "init", "other", "--source", "no-such-folder").ExitCode);
        Assert.Equal(2, CliRunner.RunIn(_dir.FullName, "init", "other", "--source", Path.Combine(_dir.FullName, "no-such-folder")).ExitCode); // a path, not a URL
        Assert.Equal(0, CliRunner.RunIn(_dir.FullName, "init", "with-url", "--source", "https://nuget.example.com/v3/index.json").ExitCode);
        Assert.Contains("https://nuget.example.com/v3/index.json", Read("with-url", "nuget.config"), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploying_commands_refuse_a_folder_that_is_no_project_or_a_project_of_another_version_before_any_call()
    {
        // No token, no credentials, no Spot: a refusal must come first, as invalid input naming `spot-connect init`.
        var empty = Directory.CreateDirectory(Path.Combine(_dir.FullName, "empty"));
        foreach (var args in new[] { new[] { "link", "deploy" }, ["link"], ["org", "deploy"] })
        {
            var result = CliRunner.RunIn(empty.FullName, args);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("is not a SpotConnect project", result.StdErr, StringComparison.Ordinal);
            Assert.Contains("spot-connect init", result.StdErr, StringComparison.Ordinal);
        }

        // An organization's project is not one account's: link deploy refuses it.
        Assert.Equal(0, CliRunner.RunIn(_dir.FullName, "init", "acme-org", "--org").ExitCode);
        var linkInOrg = CliRunner.RunIn(Path.Combine(_dir.FullName, "acme-org"), "link", "deploy");
        Assert.Equal(2, linkInOrg.ExitCode);
        Assert.Contains("is an organization's project (its cdk.json sets spot:orgState)", linkInOrg.StdErr, StringComparison.Ordinal);

        var older = ConnectionProjectFiles.Write(Directory.CreateDirectory(Path.Combine(_dir.FullName, "older")), version: "0.0.9");
        var refused = CliRunner.RunIn(older.FullName, "link", "deploy");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"its app builds on SpotConnect 0.0.9, but this spot-connect is {SpotProject.ToolVersion}", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("dotnet tool restore", refused.StdErr, StringComparison.Ordinal);
    }
}
