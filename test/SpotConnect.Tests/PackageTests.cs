using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SpotConnect.Org;
using SpotConnect.Tests.Support;
using Xunit.Abstractions;

namespace SpotConnect.Tests;

/// <summary>
/// Packs SpotConnect.Core, SpotConnect and SpotConnect.Cli as a release would (<c>dotnet pack -c Release</c>), into a
/// local folder outside the source tree, once per set of inputs.
/// </summary>
/// <remarks>
/// <para>
/// The packages get a version that names their inputs (<c>0.1.0-packagecheck.&lt;hash&gt;</c>: the repository's
/// <c>VersionPrefix</c> plus a <c>--version-suffix</c> hashed from the three projects' files, every repository-wide
/// build setting and the SDK). NuGet keys its caches by id and version, so a re-pack of <c>0.1.0</c> could be shadowed
/// by a stale copy of an earlier <c>0.1.0</c>; a version whose every earlier copy was packed from the same inputs
/// cannot be (and the consumers below restore into package folders of their own anyway).
/// </para>
/// <para>
/// The feed lives in <c>artifacts/packagecheck/feed-&lt;hash&gt;</c> (ignored by git) and is kept: a run whose
/// inputs hash to a complete feed checks those packages, packed from exactly these inputs, instead of running
/// MSBuild again to produce the same bytes; any change to an input packs anew (set <c>SPOTCONNECT_REPACK=1</c> to
/// pack regardless). The Release build it packs from lives in <c>artifacts/packagecheck</c> too, so a new pack
/// rebuilds only what changed. The consumer app built against a feed and the tool installed from it are kept
/// beside it (<c>artifacts/packagecheck/checks-&lt;hash&gt;</c>), so a run with unchanged inputs runs them without
/// building or installing again; any change to the packages' inputs or to test/PackageConsumer builds and installs
/// anew. Feeds of other inputs, and what was built from them, are deleted.
/// </para>
/// <para>
/// Restores by the consumer use a package folder of their own (so nothing of this check lands in the machine's
/// cache) with the machine's global packages folder as a NuGet <em>fallback folder</em>: Amazon.CDK.Lib (over
/// 200 MB unpacked), Constructs and Polly.Core are read from there in place, already restored for this test project
/// at exactly the versions the packages pin, instead of being downloaded or extracted again. Only the freshly packed
/// SpotConnect packages are extracted. The build itself uses its own <c>--artifacts-path</c>, so it never touches the
/// projects' <c>bin</c>/<c>obj</c> the rest of the suite was built into.
/// </para>
/// </remarks>
public sealed class PackedPackages : IDisposable
{
    /// <summary>Packages must stay well below nuget.org's limit; the tool has no business carrying the CDK.</summary>
    public const long ToolPackageLimitBytes = 5L * 1024 * 1024;

    public PackedPackages()
    {
        Root = Scratch.Folder("spotconnect-packages-").FullName;
        Artifacts = Path.Combine(Repo.Root, "artifacts", "packagecheck");
        var hash = InputsHash();
        Version = $"{VersionPrefix}-packagecheck.{hash}";
        Feed = Path.Combine(Artifacts, $"feed-{hash}");
        Checks = Path.Combine(Artifacts, $"checks-{hash}");
        Directory.CreateDirectory(Artifacts);
        foreach (var other in new DirectoryInfo(Artifacts).EnumerateDirectories()
            .Where(d => (d.Name.StartsWith("feed-", StringComparison.Ordinal) && d.Name != $"feed-{hash}") || (d.Name.StartsWith("checks-", StringComparison.Ordinal) && d.Name != $"checks-{hash}")))
        {
            Scratch.Delete(other);
        }

        var complete = Path.Combine(Feed, ".complete");
        if (File.Exists(complete) && Environment.GetEnvironmentVariable("SPOTCONNECT_REPACK") is not "1")
        {
            Reused = true;
            return;
        }

        // One MSBuild invocation for the three projects (a solution filter). What was built from an earlier feed goes.
        foreach (var stale in new[] { Feed, Checks }.Where(Directory.Exists))
        {
            Directory.Delete(stale, recursive: true);
        }

        var filter = Path.Combine(Artifacts, "packages.slnf");
        File.WriteAllText(filter, new JsonObject
        {
            ["solution"] = new JsonObject
            {
                ["path"] = Path.Combine(Repo.Root, "SpotConnect.sln"),
                ["projects"] = new JsonArray(Projects.Select(p => (JsonNode)$"src/{p}/{p}.csproj").ToArray()),
            },
        }.ToJsonString());

        var clock = Stopwatch.StartNew();
        var pack = Dotnet.Run(["pack", filter, "-c", "Release", "-o", Feed, "--artifacts-path", Artifacts, "--version-suffix", Version[(VersionPrefix.Length + 1)..], "-nologo", "-nodeReuse:false", Dotnet.NoCompilerServer], Root, timeoutSeconds: 600);
        PackTime = clock.Elapsed;
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed ({pack.ExitCode}):\n{pack.StdOut}\n{pack.StdErr}");
        }

        File.WriteAllText(complete, Version);
    }

    /// <summary>The packable projects; each folder holds its package README.</summary>
    public static IReadOnlyList<string> Projects { get; } = ["SpotConnect.Core", "SpotConnect", "SpotConnect.Cli"];

    /// <summary>The version the repository builds (Directory.Build.props).</summary>
    public static string VersionPrefix { get; } =
        XDocument.Load(Path.Combine(Repo.Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    public string Root { get; }

    public string Feed { get; }

    public string Artifacts { get; }

    /// <summary>
    /// What the checks build from this feed and keep while it is unchanged: the consumer app, the installed tool and
    /// the package folder their restores extract the SpotConnect packages into (<c>artifacts/packagecheck/checks-&lt;hash&gt;</c>).
    /// </summary>
    public string Checks { get; }

    /// <summary>The package folder of the checks' restores (NUGET_PACKAGES): never the machine's.</summary>
    public string NuGetPackages => Path.Combine(Checks, "nuget-packages");

    public string Version { get; }

    public TimeSpan PackTime { get; }

    /// <summary>Whether this run checks the feed an earlier run packed from the same inputs.</summary>
    public bool Reused { get; }


    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>
    /// A nuget.config for restores from the local folder: the user's own sources (nuget.org) still apply, and the
    /// machine's global packages folder serves as a fallback folder (see the remarks on the class).
    /// </summary>
    public string NuGetConfig(string folder)
    {
        var globalPackages = GlobalPackagesFolder();
        var config = new XDocument(new XElement("configuration",
            new XElement("packageSources", new XElement("add", new XAttribute("key", "spotconnect-check"), new XAttribute("value", Feed))),
            new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "machine-global-packages"), new XAttribute("value", globalPackages)))));
        var path = Path.Combine(folder, "nuget.config");
        config.Save(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }

    /// <summary>12 hex digits of a hash over what the packages are built from: the projects' files, the repository-wide build settings, the SDK.</summary>
    private static string InputsHash()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text + "\n"));
        var files = Projects
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(Repo.Root, "src", p), "*", SearchOption.AllDirectories))
            .Where(f => !Path.GetRelativePath(Repo.Root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Concat(new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", ".editorconfig", "LICENSE", "global.json", "nuget.config", "NuGet.config", "src/Directory.Build.props", "src/Directory.Build.targets", "cdk.json", "package.json", "package-lock.json" }
                .Select(f => Path.Combine(Repo.Root, f)).Where(File.Exists))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            Add(Path.GetRelativePath(Repo.Root, file));
            hash.AppendData(File.ReadAllBytes(file));
        }

        Add(RuntimeEnvironment.GetRuntimeDirectory());
        Add(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
        Add(string.Join(",", Directory.Exists(Path.Combine(Dotnet.Root, "sdk")) ? Directory.GetDirectories(Path.Combine(Dotnet.Root, "sdk")).Select(Path.GetFileName).Order(StringComparer.Ordinal) : []));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    internal static string GlobalPackagesFolder()
    {
        // Where this test project's restore put Amazon.CDK.Lib (honours NUGET_PACKAGES and any nuget.config): its
        // assets file says, without another `dotnet nuget locals` process.
        var assets = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "test", "SpotConnect.Tests", "obj", "project.assets.json")))!;
        var folder = assets["project"]!["restore"]!["packagesPath"]!.GetValue<string>();
        Assert.True(Directory.Exists(Path.Combine(folder, "amazon.cdk.lib")), $"no Amazon.CDK.Lib in {folder}");
        return folder;
    }
}

/// <summary>Runs the dotnet CLI (the one running these tests) for a child build, restore or tool install.</summary>
internal static class Dotnet
{
    /// <summary>The installation the tests run on (holds <c>dotnet</c>, <c>sdk/</c>, <c>shared/</c>).</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    public static string Host { get; } = File.Exists(Path.Combine(Root, "dotnet")) ? Path.Combine(Root, "dotnet") : "dotnet";

    /// <summary>
    /// For a child build: no shared compiler server. These builds run at low priority (<see cref="Run"/>), and a server
    /// they started would keep that priority while it serves the machine's later builds.
    /// </summary>
    public const string NoCompilerServer = "-p:UseSharedCompilation=false";

    public static ProcessResult Run(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null, int timeoutSeconds = 300)
    {
        var env = new Dictionary<string, string?>
        {
            ["DOTNET_ROOT"] = Root,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            // A child build must not reuse the MSBuild (or its SDK resolver) settings of the `dotnet test` that started us.
            ["MSBuildExtensionsPath"] = null,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return ProcessRunner.Run(Host, arguments, env, workingDirectory, timeoutSeconds, background: true);
    }
}

/// <summary>
/// The packages users consume, as they consume them: metadata, the tool's size and contents, a CDK app built
/// against the SpotConnect package, and spot-connect installed as a tool from the package.
/// </summary>
[Collection(Name)] // child processes only: runs beside the jsii tests
public sealed class PackageTests(PackedPackages packages, ITestOutputHelper output) : IClassFixture<PackedPackages>
{
    internal const string Name = "packages";

    private static XElement Metadata(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Field(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static bool IsCdkOrJsii(string fileName) =>
        fileName.StartsWith("Amazon.CDK", StringComparison.OrdinalIgnoreCase) || fileName.StartsWith("Amazon.JSII", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Each_package_has_its_readme_the_MIT_license_repository_metadata_and_XML_docs()
    {
        output.WriteLine(packages.Reused ? $"packages of these inputs, packed by an earlier run: {packages.Feed}" : $"dotnet pack (3 projects, Release): {packages.PackTime.TotalSeconds:F1} s");
        foreach (var id in PackedPackages.Projects)
        {
            using var package = ZipFile.OpenRead(packages.PackagePath(id));
            var metadata = Metadata(package);
            Assert.Equal(id, Field(metadata, "id"));
            Assert.Equal(packages.Version, Field(metadata, "version"));
            Assert.False(string.IsNullOrWhiteSpace(Field(metadata, "description")), id);

            var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
            Assert.Equal(("expression", "MIT"), (license.Attribute("type")?.Value, license.Value));
            Assert.Equal("https://example.invalid/spotconnect", Field(metadata, "projectUrl"));
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal(("git", "https://example.invalid/spotconnect"), (repository.Attribute("type")?.Value, repository.Attribute("url")?.Value));

            // The README shipped is the package's own (it names the package), not the repository's.
            Assert.Equal("README.md", Field(metadata, "readme"));
            using (var readme = new StreamReader(package.GetEntry("README.md")!.Open()))
            {
                var text = readme.ReadToEnd();
                Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "src", id, "README.md")), text);
                Assert.StartsWith($"# {id}", text, StringComparison.Ordinal);
                Assert.Contains("```", text, StringComparison.Ordinal); // a minimal usage
            }

            var assembly = id == "SpotConnect.Cli" ? "tools/net10.0/any/spot-connect" : $"lib/net10.0/{id}";
            Assert.NotNull(package.GetEntry(assembly + ".dll"));
            Assert.NotNull(package.GetEntry(assembly + ".xml"));
        }

        // Core is the CDK-free half: it must not pull the CDK into whoever references it (the CLI, for one).
        using var core = ZipFile.OpenRead(packages.PackagePath("SpotConnect.Core"));
        var coreDependencies = Metadata(core).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToArray();
        Assert.DoesNotContain(coreDependencies, IsCdkOrJsii);
        using var constructs = ZipFile.OpenRead(packages.PackagePath("SpotConnect"));
        var dependencies = Metadata(constructs).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
        // Exactly the Core it was built with: the constructs use Core's internals, so a newer Core alone could break them.
        Assert.Equal($"[{packages.Version}]", dependencies["SpotConnect.Core"]);
        Assert.Equal("[2.160.0]", dependencies["Amazon.CDK.Lib"]);
    }

    [Fact]
    public void The_tool_package_is_under_5_MB_and_neither_it_nor_the_CLI_build_has_CDK_or_jsii_assemblies()
    {
        var path = packages.PackagePath("SpotConnect.Cli");
        var size = new FileInfo(path).Length;
        using var package = ZipFile.OpenRead(path);
        var unpacked = package.Entries.Sum(e => e.Length);
        output.WriteLine($"SpotConnect.Cli.{packages.Version}.nupkg: {size:N0} bytes ({size / 1048576.0:F2} MiB), {unpacked:N0} bytes unpacked, {package.Entries.Count} entries");
        foreach (var id in PackedPackages.Projects.Where(p => p != "SpotConnect.Cli"))
        {
            output.WriteLine($"{id}.{packages.Version}.nupkg: {new FileInfo(packages.PackagePath(id)).Length:N0} bytes");
        }

        Assert.Empty(package.Entries.Where(e => IsCdkOrJsii(e.Name)).Select(e => e.FullName));
        Assert.True(size < PackedPackages.ToolPackageLimitBytes, $"the tool package is {size:N0} bytes, not under {PackedPackages.ToolPackageLimitBytes:N0}");
        Assert.Contains(package.Entries, e => e.FullName == "tools/net10.0/any/SpotConnect.Core.dll");
        using (var deps = new StreamReader(package.GetEntry("tools/net10.0/any/spot-connect.deps.json")!.Open()))
        {
            var text = deps.ReadToEnd();
            Assert.DoesNotContain("Amazon.CDK", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Amazon.JSII", text, StringComparison.OrdinalIgnoreCase);
        }

        // What `dotnet pack` built the tool from: the CLI's release build output.
        var build = Path.Combine(packages.Artifacts, "bin", "SpotConnect.Cli");
        var files = Directory.GetFiles(build, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f) == "spot-connect.dll");
        Assert.Empty(files.Select(Path.GetFileName).Where(name => IsCdkOrJsii(name!)).Select(name => name!));
    }

    [Fact]
    public void A_CDK_app_referencing_the_SpotConnect_package_builds_and_its_template_has_the_link()
    {
        // test/PackageConsumer is a template (not in SpotConnect.sln): copied into artifacts/packagecheck, it builds
        // against the packages only. Its own Directory.*.props and an .editorconfig marked root (written below) keep
        // every repository build setting out, as outside the repository. Built once per feed and template: a run with
        // both unchanged runs the build an earlier run made (and still checks what it was built from).
        var template = Path.Combine(Repo.Root, "test", "PackageConsumer");
        var consumer = Path.Combine(packages.Checks, $"consumer-{TemplateHash(template)}");
        var built = Path.Combine(consumer, ".built");
        var env = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = packages.NuGetPackages };
        if (File.Exists(built))
        {
            output.WriteLine($"consumer built by an earlier run from these packages: {consumer}");
        }
        else
        {
            foreach (var stale in Directory.CreateDirectory(packages.Checks).EnumerateDirectories("consumer-*"))
            {
                stale.Delete(recursive: true);
            }

            Directory.CreateDirectory(consumer);
            foreach (var file in Directory.GetFiles(template))
            {
                File.Copy(file, Path.Combine(consumer, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(consumer, ".editorconfig"), "root = true\n");
            packages.NuGetConfig(consumer);

            var clock = Stopwatch.StartNew();
            var build = Dotnet.Run(["build", "-c", "Release", $"-p:SpotConnectVersion={packages.Version}", "-nologo", "-nodeReuse:false", Dotnet.NoCompilerServer], consumer, env);
            output.WriteLine($"consumer restore + build: {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(build.ExitCode == 0, $"the consumer did not build ({build.ExitCode}):\n{build.StdOut}\n{build.StdErr}");
            File.WriteAllText(built, packages.Version);
        }

        // It used the packages just packed, not a project or another copy.
        var assets = JsonNode.Parse(File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json")))!;
        Assert.NotNull(assets["libraries"]![$"SpotConnect/{packages.Version}"]);
        Assert.NotNull(assets["libraries"]![$"SpotConnect.Core/{packages.Version}"]);
        Assert.Empty(assets["libraries"]!.AsObject().Where(l => l.Value!["type"]?.GetValue<string>() == "project").Select(l => l.Key));
        Assert.True(Directory.Exists(Path.Combine(packages.NuGetPackages, "spotconnect", packages.Version.ToLowerInvariant())));

        // Its `new App()` writes where the CDK CLI would point it (CDK_OUTDIR): into this run's scratch folder.
        var run = Dotnet.Run([Path.Combine(consumer, "bin", "Release", "net10.0", "PackageConsumer.dll")], consumer,
            new Dictionary<string, string?>(env) { ["CDK_OUTDIR"] = Scratch.Folder("spotconnect-consumer-").FullName });
        Assert.True(run.ExitCode == 0, $"the consumer's template assertions failed ({run.ExitCode}):\n{run.StdOut}\n{run.StdErr}");
        Assert.Contains("package consumer: OK", run.StdOut, StringComparison.Ordinal);
    }

    /// <summary>12 hex digits of a hash over the consumer template's files and the fallback folder its restore reads.</summary>
    private string TemplateHash(string template)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(template).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(packages.Feed + "\n" + PackedPackages.GlobalPackagesFolder()));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    [Fact]
    public void The_tool_installs_from_the_package_and_prints_the_policy()
    {
        var shim = InstallTool();
        var policy = ProcessRunner.Run(shim, ["policy", "--bundles", "ocean"], new Dictionary<string, string?> { ["DOTNET_ROOT"] = Dotnet.Root }, packages.Root);
        Assert.True(policy.ExitCode == 0, $"spot-connect policy failed ({policy.ExitCode}):\n{policy.StdOut}\n{policy.StdErr}");
        var policies = JsonNode.Parse(policy.StdOut)!.AsArray();
        Assert.Equal("Spot-Policy", policies[0]!["name"]!.GetValue<string>());

        var version = ProcessRunner.Run(shim, ["--version"], new Dictionary<string, string?> { ["DOTNET_ROOT"] = Dotnet.Root }, packages.Root);
        Assert.True(version.ExitCode == 0, version.StdErr);
        Assert.StartsWith(packages.Version, version.StdOut.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_the_packed_tool_inits_builds_on_the_packed_packages_synthesizes_our_apps_template_and_passes_its_own_tests()
    {
        if (PassedBefore(nameof(A_project_the_packed_tool_inits_builds_on_the_packed_packages_synthesizes_our_apps_template_and_passes_its_own_tests)))
        {
            return;
        }

        var project = GeneratedProject();
        var clock = Stopwatch.StartNew();
        var synth = ProcessRunner.Run("npm", ["run", "synth", "--", "--quiet"], GeneratedEnvironment, project, timeoutSeconds: 600, background: true);
        output.WriteLine($"generated project: npm run synth {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(synth.ExitCode == 0, synth.StdOut + synth.StdErr);

        // The same template as SpotConnect's own app on the same (default) settings: the snapshot of its stack, less the
        // aws:cdk:path metadata the CDK CLI adds.
        var template = WithoutCdkPaths(Path.Combine(project, "cdk.out", "SpotLinkStack.template.json"));
        var ours = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "test", "SpotConnect.Tests", "Snapshots", "SpotLinkStack.default.template.json")))!;
        Assert.True(JsonNode.DeepEquals(ours, template), "the generated project's template differs from the app's snapshot");

        clock.Restart();
        var test = ProcessRunner.Run("npm", ["test"], GeneratedEnvironment, project, timeoutSeconds: 600, background: true);
        output.WriteLine($"generated project: npm test {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(test.ExitCode == 0, test.StdOut + test.StdErr);
        Assert.Contains("Passed!", test.StdOut, StringComparison.Ordinal);
        Passed(nameof(A_project_the_packed_tool_inits_builds_on_the_packed_packages_synthesizes_our_apps_template_and_passes_its_own_tests));
    }

    [Fact]
    public void Link_runs_in_the_generated_project_against_the_Spot_stub_deploying_the_assembly_it_checked()
    {
        // The packed tool, run where a user runs it, against the Spot and STS stub; the project's CDK CLI is real but for
        // `deploy`, which a stand-in answers (the role ARN, as CloudFormation's outputs would) after recording its arguments.
        if (OperatingSystem.IsWindows() || PassedBefore(nameof(Link_runs_in_the_generated_project_against_the_Spot_stub_deploying_the_assembly_it_checked)))
        {
            return; // (on Windows: the stand-in is a shell script)
        }

        var project = GeneratedProject();
        var calls = StandInDeploy(project, $$"""{"SpotRoleArn":"arn:aws:iam::{{SpotStub.AwsAccount}}:role/Spot-Role"}""");
        File.Delete(Path.Combine(project, "spot-link.json"));

        using var stub = new SpotStub();
        stub.AnswersANewLink("act-1a2b3c4d", "pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-", $"arn:aws:iam::{SpotStub.AwsAccount}:role/Spot-Role");
        var environment = WithStub(stub);

        var link = ProcessRunner.Run(InstallTool(), ["link"], environment, project, timeoutSeconds: 600, background: true);

        Assert.True(link.ExitCode == 0, link.StdOut + link.StdErr);
        Assert.Contains($"Connected: AWS account {SpotStub.AwsAccount} is linked to Spot account act-1a2b3c4d through arn:aws:iam::{SpotStub.AwsAccount}:role/Spot-Role", link.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(SpotStub.Token, link.StdOut + link.StdErr + File.ReadAllText(calls), StringComparison.Ordinal);

        // The app synthesized once with what the tool resolved (cdk.json's settings and the state's external id), into an
        // assembly of the tool's own; that very assembly was deployed.
        var lines = File.ReadAllLines(calls);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("synth SpotLinkStack --quiet --output ", lines[0], StringComparison.Ordinal);
        Assert.Contains("-c spot:externalId=pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-", lines[0], StringComparison.Ordinal);
        Assert.Contains("-c spot:bundles=default", lines[0], StringComparison.Ordinal);
        var assembly = lines[0].Split(' ')[4];
        Assert.StartsWith($"deploy SpotLinkStack --app {assembly} --require-approval never --outputs-file ", lines[1], StringComparison.Ordinal);

        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(project, "spot-link.json")))!;
        Assert.Equal("default", state["deployed"]!["settings"]!["spot:bundles"]!.GetValue<string>());
        Assert.NotNull(state["linkedAt"]);

        // The plan reads the same cdk.json: no change; an option takes its place for one run and says so.
        var plan = ProcessRunner.Run(InstallTool(), ["link", "plan", "--fail-on-change"], GeneratedEnvironment, project);
        Assert.True(plan.ExitCode == 0, plan.StdOut + plan.StdErr);
        var ocean = ProcessRunner.Run(InstallTool(), ["link", "plan", "--bundles", "ocean"], GeneratedEnvironment, project);
        Assert.Contains("--bundles ocean takes the place of spot:bundles = default in cdk.json, for this run only", ocean.StdOut, StringComparison.Ordinal);
        Passed(nameof(Link_runs_in_the_generated_project_against_the_Spot_stub_deploying_the_assembly_it_checked));
    }

    [Fact]
    public void An_org_project_synthesizes_our_apps_rollout_passes_its_own_tests_and_syncs_against_the_Spot_stub()
    {
        if (OperatingSystem.IsWindows() || PassedBefore(nameof(An_org_project_synthesizes_our_apps_rollout_passes_its_own_tests_and_syncs_against_the_Spot_stub)))
        {
            return; // (on Windows: the stand-in is a shell script)
        }

        // A state as `org prepare` writes it, three members and the management account: the project's synth must be the
        // repository app's for the same state, member templates (inline) included.
        var project = GeneratedProject(org: true);
        var state = OrgStates.Build(3) with { ManagementAccountId = SpotStub.AwsAccount, Accounts = [OrgStates.Member(SpotStub.AwsAccount) with { Name = "management" }, .. OrgStates.Build(3).Accounts.Skip(1)] };
        var statePath = Path.Combine(project, "spot-org.json");
        OrgStateStore.Save(statePath, state);
        var synth = ProcessRunner.Run("npm", ["run", "synth", "--", "--quiet"], GeneratedEnvironment, project, timeoutSeconds: 600, background: true);
        Assert.True(synth.ExitCode == 0, synth.StdOut + synth.StdErr);
        var ours = Scratch.Folder("spotconnect-org-ours-").FullName;
        var app = ProcessRunner.Run(Path.Combine(Repo.Root, "node_modules", ".bin", "cdk"), ["synth", "--quiet", "-o", ours, "-c", $"spot:orgState={statePath}"],
            new Dictionary<string, string?> { ["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20" }, Repo.Root, timeoutSeconds: 300, background: true);
        Assert.True(app.ExitCode == 0, app.StdOut + app.StdErr);
        var generated = WithoutCdkPaths(Path.Combine(project, "cdk.out", "SpotOrgStack.template.json"));
        Assert.True(JsonNode.DeepEquals(WithoutCdkPaths(Path.Combine(ours, "SpotOrgStack.template.json")), generated), "the org project's template differs from the app's");
        Assert.Contains("Mappings", generated.ToJsonString(), StringComparison.Ordinal); // the member template, inline

        var test = ProcessRunner.Run("npm", ["test"], GeneratedEnvironment, project, timeoutSeconds: 600, background: true);
        Assert.True(test.ExitCode == 0, test.StdOut + test.StdErr);

        // org sync from scratch (the state removed), against the Spot organization stub, deploying through a stand-in.
        File.Delete(statePath);
        var calls = StandInDeploy(project, "{}");
        using var stub = new SpotStub();
        var spot = new SpotOrgStub(stub);
        OrgFiles.WriteAccounts(new DirectoryInfo(project), SpotStub.AwsAccount, (SpotStub.AwsAccount, "management", "ACTIVE"), ("111111111111", "alpha", "ACTIVE"), ("222222222222", "beta", "ACTIVE"));
        var environment = WithStub(stub);

        var sync = ProcessRunner.Run(InstallTool(), ["org", "sync", "--accounts", "accounts.json", "--target-ou", "r-ab12"], environment, project, timeoutSeconds: 600, background: true);

        Assert.True(sync.ExitCode == 0, sync.StdOut + sync.StdErr);
        Assert.Equal(3, spot.Accounts.Count);
        var lines = File.ReadAllLines(calls);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("synth SpotOrgStack --quiet --output ", lines[0], StringComparison.Ordinal);
        Assert.Contains($"-c spot:orgState={statePath}", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"deploy SpotOrgStack --app {lines[0].Split(' ')[4]} ", lines[1], StringComparison.Ordinal);
        var synced = OrgFiles.State(statePath);
        Assert.Equal("default", synced["deployed"]!["settings"]!["spot:bundles"]!.GetValue<string>());
        Assert.All(synced["accounts"]!.AsArray(), a => Assert.NotNull(a!["registeredAt"]));
        Passed(nameof(An_org_project_synthesizes_our_apps_rollout_passes_its_own_tests_and_syncs_against_the_Spot_stub));
    }

    /// <summary>
    /// Whether <paramref name="check"/>, one of the generated projects' checks (each runs processes for many seconds: the
    /// project's synth and tests, the tool against the stubs), passed in an earlier run against exactly these inputs: the
    /// packages (their version names a hash of everything they are built from, init's templates included), this test
    /// assembly (the checks' code and the stubs compiled into it; builds are deterministic), the app's snapshot, and the
    /// Node and .NET that ran them. Then it says so and is not run again; any change runs it. A clean clone, as CI's,
    /// always runs them; SPOTCONNECT_RECHECK=1 runs them regardless.
    /// </summary>
    private bool PassedBefore(string check)
    {
        var marker = PassMarker(check);
        if (File.Exists(marker) && Environment.GetEnvironmentVariable("SPOTCONNECT_RECHECK") is not "1")
        {
            output.WriteLine($"passed in an earlier run with the same inputs ({File.ReadAllText(marker).Trim()}); SPOTCONNECT_RECHECK=1 runs it again");
            return true;
        }

        return false;
    }

    /// <summary>Records that <paramref name="check"/> passed with these inputs (see <see cref="PassedBefore"/>).</summary>
    private void Passed(string check) => File.WriteAllText(PassMarker(check), DateTimeOffset.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture));

    private string PassMarker(string check) => Path.Combine(packages.Checks, $"{check}.{CheckInputs.Value}.passed");

    private static readonly Lazy<string> CheckInputs = new(() =>
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(typeof(PackageTests).Assembly.Location));
        hash.AppendData(File.ReadAllBytes(Path.Combine(Repo.Root, "test", "SpotConnect.Tests", "Snapshots", "SpotLinkStack.default.template.json")));
        var node = ProcessRunner.Run("node", ["--version"], new Dictionary<string, string?>(), Repo.Root);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(node.StdOut + RuntimeInformation.FrameworkDescription));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    });

    /// <summary>Replaces the project's `cdk` with a stand-in that answers `deploy` with <paramref name="outputs"/> (the stack's, by name) and runs the real CLI for the rest; returns the file its calls are written to.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string StandInDeploy(string project, string outputs)
    {
        var setup = ProcessRunner.Run("node", ["scripts/setup.mjs"], new Dictionary<string, string?>(), project, timeoutSeconds: 600, background: true);
        Assert.True(setup.ExitCode == 0, setup.StdOut + setup.StdErr);
        var calls = Path.Combine(project, "cdk-calls.txt");
        if (File.Exists(calls))
        {
            File.Delete(calls);
        }

        var shim = Path.Combine(project, "node_modules", ".bin", "cdk");
        File.Delete(shim); // npm's link to aws-cdk/bin/cdk: replaced, never written through
        File.WriteAllText(shim, $$$"""
            #!/bin/sh
            printf '%s\n' "$*" >> "{{{calls}}}"
            if [ "$1" = "deploy" ]; then
              stack="$2"
              while [ $# -gt 0 ]; do if [ "$1" = "--outputs-file" ]; then out="$2"; fi; shift; done
              printf '{"%s":%s}' "$stack" '{{{outputs}}}' > "$out"
              echo "stand-in: deployed $stack"
              exit 0
            fi
            exec node "$(dirname "$0")/../aws-cdk/bin/cdk" "$@"
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return calls;
    }

    /// <summary>A template without the aws:cdk:path metadata the CDK CLI adds.</summary>
    private static JsonNode WithoutCdkPaths(string path)
    {
        var template = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var resource in template["Resources"]!.AsObject())
        {
            if (resource.Value!["Metadata"] is JsonObject metadata && metadata.Remove("aws:cdk:path") && metadata.Count == 0)
            {
                resource.Value.AsObject().Remove("Metadata");
            }
        }

        return template;
    }

    /// <summary>The generated projects' environment with the stubs' (Spot's and STS's URLs, the token, AWS credentials).</summary>
    private Dictionary<string, string?> WithStub(SpotStub stub)
    {
        var environment = GeneratedEnvironment;
        foreach (var (key, value) in stub.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    private Dictionary<string, string?> GeneratedEnvironment => new()
    {
        ["NUGET_PACKAGES"] = packages.NuGetPackages,
        ["DOTNET_ROOT"] = Dotnet.Root,
        ["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20",
    };

    /// <summary>
    /// A project the packed tool wrote with `init --source` (the packed packages' feed), kept per feed as the consumer is:
    /// an unchanged run reuses it (its builds, its node_modules).
    /// </summary>
    private string GeneratedProject(bool org = false)
    {
        var project = Path.Combine(packages.Checks, org ? "generated-org" : "generated");
        if (File.Exists(Path.Combine(project, "cdk.json")))
        {
            return project;
        }

        if (Directory.Exists(project))
        {
            Directory.Delete(project, recursive: true);
        }

        var init = ProcessRunner.Run(InstallTool(), ["init", project, "--name", org ? "GeneratedOrg" : "Generated", "--source", packages.Feed, .. org ? new[] { "--org" } : []], GeneratedEnvironment, packages.Checks);
        Assert.True(init.ExitCode == 0, init.StdOut + init.StdErr);

        // The machine's packages folder as a fallback (Amazon.CDK.Lib read in place, as for the consumer).
        var config = XDocument.Load(Path.Combine(project, "nuget.config"));
        config.Root!.Add(new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "machine-global-packages"), new XAttribute("value", PackedPackages.GlobalPackagesFolder()))));
        config.Save(Path.Combine(project, "nuget.config"));
        return project;
    }

    /// <summary>spot-connect installed from the packed package (once per feed), as its shim's path.</summary>
    private string InstallTool()
    {
        // Installed once per feed: a run with unchanged packages runs the tool an earlier run installed from them.
        var tools = Path.Combine(packages.Checks, "tools");
        var installed = Path.Combine(tools, ".installed");
        if (File.Exists(installed))
        {
            output.WriteLine($"tool installed by an earlier run from these packages: {tools}");
        }
        else
        {
            if (Directory.Exists(tools))
            {
                Directory.Delete(tools, recursive: true);
            }

            var env = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = packages.NuGetPackages };
            var clock = Stopwatch.StartNew();
            var install = Dotnet.Run(["tool", "install", "--tool-path", tools, "--add-source", packages.Feed, "SpotConnect.Cli", "--version", packages.Version], packages.Root, env);
            output.WriteLine($"dotnet tool install: {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(install.ExitCode == 0, $"dotnet tool install failed ({install.ExitCode}):\n{install.StdOut}\n{install.StdErr}");
            File.WriteAllText(installed, packages.Version);
        }

        return Path.Combine(tools, OperatingSystem.IsWindows() ? "spot-connect.exe" : "spot-connect");
    }
}
