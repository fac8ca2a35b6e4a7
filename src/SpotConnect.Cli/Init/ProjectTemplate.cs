using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SpotConnect.Cli.Project;
using SpotConnect.Settings;

namespace SpotConnect.Cli.Init;

/// <summary>
/// The files of a new connection repository (<c>spot-connect init</c>), by path relative to its root. Everything pinned is
/// this tool's own: the SpotConnect package and tool are this tool's version; the CDK CLI, its lock entry, the CDK feature
/// flags and the test packages are read from SpotConnect's own repository files, compiled into the tool, so a generated
/// project pins exactly what SpotConnect is tested with.
/// </summary>
internal static class ProjectTemplate
{
    /// <summary>JSON as a person writes it: indented, and <c>&amp;&amp;</c> or <c>&gt;=</c> left as they are (these files are read by npm and the CDK CLI, never by a browser).</summary>
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The files of a link project (<paramref name="org"/> false) or an organization project, named <paramref name="name"/>.</summary>
    public static IReadOnlyList<(string Path, string Content)> Files(string name, bool org, string? source)
    {
        var packages = XDocument.Parse(Resource("Directory.Packages.props"));
        string Pin(string id) => packages.Descendants().Single(e => e.Name.LocalName == "PackageVersion" && (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = name,
            ["SpotConnectVersion"] = SpotProject.ToolVersion,
            ["TestSdkVersion"] = Pin("Microsoft.NET.Test.Sdk"),
            ["XunitVersion"] = Pin("xunit"),
            ["XunitRunnerVersion"] = Pin("xunit.runner.visualstudio"),
            ["StackKind"] = org ? "SpotOrgStack (the organization's StackSets, from spot-org.json)" : "SpotLinkStack",
            ["Configure"] = org ? "ConfigureOrg" : "ConfigureLink",
        };
        string T(string template) => Render(Resource(template), tokens);

        var files = new List<(string, string)>
        {
            ("cdk.json", CdkJson(org)),
            ("cdk.context.json", "{}\n"),
            ("package.json", PackageJson(name)),
            ("package-lock.json", PackageLock(name)),
            (".config/dotnet-tools.json", T("dotnet-tools.json.txt")),
            ("Directory.Build.props", T("Directory.Build.props.txt")),
            ("Directory.Packages.props", T("Directory.Packages.props.txt")),
            ($"src/{name}/{name}.csproj", T("App.csproj.txt")),
            ($"src/{name}/Program.cs", T("Program.cs.txt")),
            ($"test/{name}.Tests/{name}.Tests.csproj", T("Tests.csproj.txt")),
            ($"test/{name}.Tests/{(org ? "RolloutTests" : "ConnectionTests")}.cs", T(org ? "OrgTests.cs.txt" : "LinkTests.cs.txt")),
            ("scripts/cdk-app.mjs", T("cdk-app.mjs.txt")),
            ("scripts/setup.mjs", T("setup.mjs.txt")),
            (org ? ".github/workflows/spot-connect-org.yml" : ".github/workflows/spot-connect.yml", T(org ? "workflow.org.yml.txt" : "workflow.link.yml.txt")),
            ("README.md", T(org ? "README.org.md.txt" : "README.link.md.txt")),
            (".gitignore", T("gitignore.txt")),
        };
        if (source is not null)
        {
            files.Add(("nuget.config", NuGetConfig(source)));
        }

        return files;
    }

    /// <summary>The app command, SpotConnect's own CDK feature flags, and the connection's settings, each written out so a pull request reviews it.</summary>
    private static string CdkJson(bool org)
    {
        var own = JsonNode.Parse(Resource("cdk.json"))!;
        var context = new JsonObject();
        foreach (var (key, value) in own["context"]!.AsObject())
        {
            context[key] = value?.DeepClone();
        }

        context[SpotSettings.Bundles.ContextKey] = "default";
        context[SpotSettings.RoleName.ContextKey] = SpotSettings.DefaultRoleName;
        context[SpotSettings.RolePath.ContextKey] = SpotSettings.DefaultRolePath;
        context[SpotSettings.PolicyName.ContextKey] = Policies.PolicyPlanOptions.DefaultPolicyName;
        context[SpotSettings.StackName.ContextKey] = org ? SpotSettings.DefaultOrgStackName : SpotSettings.DefaultStackName;
        if (org)
        {
            context[SpotSettings.OrgState.ContextKey] = "spot-org.json";
        }

        var cdk = new JsonObject
        {
            ["app"] = "node scripts/cdk-app.mjs",
            ["watch"] = new JsonObject { ["include"] = new JsonArray("src/**"), ["exclude"] = new JsonArray("**/bin", "**/obj", "cdk.out") },
            ["context"] = context,
        };
        return cdk.ToJsonString(Json) + "\n";
    }

    private static string PackageJson(string name)
    {
        var own = JsonNode.Parse(Resource("package.json"))!;
        var package = new JsonObject
        {
            ["name"] = PackageName(name),
            ["version"] = "0.1.0",
            ["private"] = true,
            ["description"] = $"{name}: a Spot connection managed with SpotConnect. Pins the AWS CDK CLI SpotConnect is tested with.",
            ["scripts"] = new JsonObject
            {
                ["synth"] = "node scripts/setup.mjs && cdk synth",
                ["test"] = $"node scripts/setup.mjs && dotnet test test/{name}.Tests --nologo",
                ["cdk"] = "cdk",
            },
            ["devDependencies"] = new JsonObject { ["aws-cdk"] = own["devDependencies"]!["aws-cdk"]!.GetValue<string>() },
            ["engines"] = new JsonObject { ["node"] = own["engines"]?["node"]?.GetValue<string>() ?? ">=20" },
        };
        return package.ToJsonString(Json) + "\n";
    }

    /// <summary>The lock of <see cref="PackageJson"/>: SpotConnect's own lock entries for the CDK CLI and what it brings.</summary>
    private static string PackageLock(string name)
    {
        var own = JsonNode.Parse(Resource("package-lock.json"))!["packages"]!.AsObject();
        var cdk = own["node_modules/aws-cdk"]!;
        var packages = new JsonObject
        {
            [""] = new JsonObject
            {
                ["name"] = PackageName(name),
                ["version"] = "0.1.0",
                ["devDependencies"] = new JsonObject { ["aws-cdk"] = cdk["version"]!.GetValue<string>() },
                ["engines"] = new JsonObject { ["node"] = ">=20" },
            },
            ["node_modules/aws-cdk"] = cdk.DeepClone(),
        };
        foreach (var dependency in (cdk["optionalDependencies"]?.AsObject() ?? []).Concat(cdk["dependencies"]?.AsObject() ?? []))
        {
            packages[$"node_modules/{dependency.Key}"] = own[$"node_modules/{dependency.Key}"]!.DeepClone();
        }

        var lockFile = new JsonObject
        {
            ["name"] = PackageName(name),
            ["version"] = "0.1.0",
            ["lockfileVersion"] = 3,
            ["requires"] = true,
            ["packages"] = packages,
        };
        return lockFile.ToJsonString(Json) + "\n";
    }

    private static string NuGetConfig(string source) => new XDocument(
        new XComment(" The package feed `spot-connect init --source` added, for SpotConnect packages not on nuget.org. "),
        new XElement("configuration",
            new XElement("packageSources",
                new XElement("add", new XAttribute("key", "nuget.org"), new XAttribute("value", "https://api.nuget.org/v3/index.json")),
                new XElement("add", new XAttribute("key", "spotconnect"), new XAttribute("value", source))))).ToString() + "\n";

    /// <summary>An npm package name: the project name in lower case, words joined by hyphens.</summary>
    internal static string PackageName(string name)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
            {
                builder.Append('-');
            }

            builder.Append(c is '.' or '_' ? '-' : char.ToLower(c, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static string Render(string template, IReadOnlyDictionary<string, string> tokens) =>
        tokens.Aggregate(template, (text, token) => text.Replace("{{" + token.Key + "}}", token.Value, StringComparison.Ordinal));

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"SpotConnect.Cli.Init.{name}")
            ?? throw new InvalidOperationException($"the tool was built without its init template {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
