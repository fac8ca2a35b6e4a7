using System.CommandLine;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Project;

/// <summary>
/// A folder the tool deploys from: a CDK project (<c>cdk.json</c>) whose app builds on the <c>SpotConnect</c> package
/// (a project <c>spot-connect init</c> wrote, or SpotConnect's own repository), with the connection's settings in
/// <c>cdk.json</c> → <c>context</c>. Opened before any Spot or AWS call: anything else, or a project on another
/// SpotConnect version than this tool, is invalid input.
/// </summary>
internal sealed partial record SpotProject(string Directory, CdkProject Cdk, string? SpotConnectVersion)
{
    /// <summary>The option that names the project.</summary>
    public const string Option = "--project";

    /// <summary>This tool's version (its package version, without build metadata).</summary>
    public static string ToolVersion { get; } = SpotStackMetadata.VersionOf(typeof(SpotProject).Assembly);

    /// <summary>The connection's settings in <c>cdk.json</c>.</summary>
    public SpotContextSettings Settings => Cdk.Settings;

    /// <summary>
    /// The state file of a command that takes <c>--project</c>: <paramref name="givenState"/> (relative to the working folder)
    /// when <c>--state</c> was given; else the project's, in its folder: for an organization the file its <c>cdk.json</c>
    /// names (<c>spot:orgState</c>), else <paramref name="defaultName"/>.
    /// </summary>
    public static string StatePath(string? givenState, string defaultName, string projectDirectory, bool org, string workingDirectory)
    {
        if (givenState is not null)
        {
            return Path.GetFullPath(givenState, workingDirectory);
        }

        return (org && CdkProject.Exists(projectDirectory) ? CdkProject.Load(projectDirectory).OrgStatePath() : null)
            ?? Path.GetFullPath(defaultName, projectDirectory);
    }

    /// <summary>Opens the project in <paramref name="directory"/> and checks that this tool may deploy from it.</summary>
    /// <exception cref="SpotConnectValidationException">Not a SpotConnect project, or one on another SpotConnect version.</exception>
    public static SpotProject Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full) || !CdkProject.Exists(full))
        {
            throw Invalid(full, $"is not a SpotConnect project: it has no {CdkProject.FileName}. Create one with `spot-connect init` (then run the command there, or pass {Option} with its folder).");
        }

        var cdk = CdkProject.Load(full);
        var reference = FindReference(full) ?? throw Invalid(full,
            $"is not a SpotConnect project: no C# project in it builds on the SpotConnect package, so its {CdkProject.FileName} app cannot be SpotConnect's. Create one with `spot-connect init`.");
        var project = new SpotProject(full, cdk, reference.Length > 0 ? reference : null);
        if (project.SpotConnectVersion is { } version && version != ToolVersion)
        {
            throw Invalid(full, OtherVersion("builds on", version));
        }

        return project;
    }

    /// <summary>
    /// The SpotConnect version the project's app builds on: a <c>PackageReference</c> to <c>SpotConnect</c> (its version
    /// from the reference, or from <c>Directory.Packages.props</c>), or a <c>ProjectReference</c> to <c>SpotConnect.csproj</c>
    /// (its <c>VersionPrefix</c>). <see langword="null"/> when no project references SpotConnect; "" when the version cannot
    /// be read (a range): the synthesized assembly is checked anyway.
    /// </summary>
    private static string? FindReference(string root)
    {
        foreach (var csproj in ProjectFiles(root))
        {
            XDocument project;
            try
            {
                project = XDocument.Load(csproj);
            }
            catch (System.Xml.XmlException)
            {
                continue; // not a project MSBuild could build either
            }

            var items = project.Descendants().Where(e => e.Parent?.Name.LocalName == "ItemGroup").ToArray();
            if (items.FirstOrDefault(e => e.Name.LocalName == "PackageReference" && IsSpotConnect((string?)e.Attribute("Include"))) is { } package)
            {
                var version = Value(package, "VersionOverride") ?? Value(package, "Version") ?? CentralVersion(Path.GetDirectoryName(csproj)!, root);
                return Exact(version);
            }

            if (items.FirstOrDefault(e => e.Name.LocalName == "ProjectReference"
                    && string.Equals(Path.GetFileName(((string?)e.Attribute("Include"))?.Replace('\\', '/') ?? string.Empty), "SpotConnect.csproj", StringComparison.OrdinalIgnoreCase)) is { } reference)
            {
                var referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!, ((string)reference.Attribute("Include")!).Replace('\\', Path.DirectorySeparatorChar)));
                return Exact(BuildProperty(Path.GetDirectoryName(referenced)!, "VersionPrefix"));
            }
        }

        return null;
    }

    /// <summary>An item's attribute or child element (both are MSBuild metadata).</summary>
    private static string? Value(XElement item, string name) =>
        (string?)item.Attribute(name) ?? item.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>The package id SpotConnect, as NuGet compares ids (without case).</summary>
    private static bool IsSpotConnect(string? id) => string.Equals(id?.Trim(), "SpotConnect", StringComparison.OrdinalIgnoreCase);

    /// <summary>The C# projects of the folder (a few levels deep), apps before tests.</summary>
    private static IEnumerable<string> ProjectFiles(string root) =>
        System.IO.Directory.EnumerateFiles(root, "*.csproj", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3, IgnoreInaccessible = true })
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or "node_modules" or "cdk.out" or ".git"))
            .OrderBy(f => Path.GetRelativePath(root, f).StartsWith("test", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(f => f, StringComparer.Ordinal);

    private static string? CentralVersion(string from, string root)
    {
        for (var folder = new DirectoryInfo(from); folder is not null && folder.FullName.Length >= root.Length; folder = folder.Parent)
        {
            var props = Path.Combine(folder.FullName, "Directory.Packages.props");
            if (File.Exists(props))
            {
                return XDocument.Load(props).Descendants().FirstOrDefault(e => e.Name.LocalName == "PackageVersion" && IsSpotConnect((string?)e.Attribute("Include"))) is { } pin
                    ? Value(pin, "Version")
                    : null;
            }
        }

        return null;
    }

    private static string? BuildProperty(string from, string name)
    {
        for (var folder = new DirectoryInfo(from); folder is not null; folder = folder.Parent)
        {
            var props = Path.Combine(folder.FullName, "Directory.Build.props");
            if (File.Exists(props))
            {
                return XDocument.Load(props).Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            }
        }

        return null;
    }

    /// <summary>An exact version (<c>1.2.3</c> or <c>[1.2.3]</c>), or "" for anything else (a range, a property).</summary>
    private static string Exact(string? version)
    {
        var trimmed = version?.Trim() ?? string.Empty;
        if (trimmed.StartsWith('[') && trimmed.EndsWith(']') && !trimmed.Contains(',', StringComparison.Ordinal))
        {
            trimmed = trimmed[1..^1].Trim();
        }

        return ExactVersion().IsMatch(trimmed) ? trimmed : string.Empty;
    }

    /// <summary>The rule a project on SpotConnect <paramref name="version"/> breaks, and its fixes (<paramref name="what"/>: how the app came to that version).</summary>
    internal static string OtherVersion(string what, string version) =>
        $"its app {what} SpotConnect {version}, but this spot-connect is {ToolVersion}: the two must be the same version. In the project, run `dotnet tool restore` and then `dotnet tool run spot-connect` (the tool version it pins), or upgrade the project to {ToolVersion} (SpotConnect in Directory.Packages.props and SpotConnect.Cli in .config/dotnet-tools.json, then `dotnet tool restore`).";

    /// <summary>The project option of the commands that deploy, destroy or plan from a project.</summary>
    /// <param name="defaultToCurrentFolder">Whether the option defaults to <c>.</c>; a plan reads any cdk.json there without it.</param>
    public static Option<string?> CreateOption(bool defaultToCurrentFolder = true)
    {
        var option = new Option<string?>(Option)
        {
            Description = "The connection project (`spot-connect init` writes one): its cdk.json holds the settings, which an option overrides for one run" + (defaultToCurrentFolder ? "." : " (default: the current folder, when it has a cdk.json)."),
            HelpName = "DIR",
        };
        if (defaultToCurrentFolder)
        {
            option.DefaultValueFactory = _ => ".";
        }

        return option;
    }

    private static SpotConnectValidationException Invalid(string directory, string rule) =>
        new(new ValidationProblem(Option, directory, rule));

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?$")]
    private static partial Regex ExactVersion();
}
