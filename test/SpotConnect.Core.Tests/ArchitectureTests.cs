using System.Text.RegularExpressions;
using SpotConnect.Settings;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>The layout's rules, checked on the code: Core has no CDK, its folders form no cycle, the CLI ships no CDK, each setting is defined once, tests never wait on the wall clock.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string CoreRoot = Path.Combine(Repo.Root, "src", "SpotConnect.Core");

    [Fact]
    public void Core_references_neither_the_CDK_nor_jsii()
    {
        var project = File.ReadAllText(Path.Combine(CoreRoot, "SpotConnect.Core.csproj"));
        Assert.DoesNotContain("Amazon.CDK", project, StringComparison.Ordinal);
        Assert.DoesNotContain("Constructs", project, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(SpotSettings).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Amazon.CDK", StringComparison.Ordinal) || a.Name!.StartsWith("Amazon.JSII", StringComparison.Ordinal));
    }

    [Fact]
    public void The_CLI_build_output_holds_no_CDK_or_jsii_assembly()
    {
        var output = Path.GetDirectoryName(Repo.ProjectOutput("SpotConnect.Cli", "spot-connect.dll"))!;
        Assert.True(File.Exists(Path.Combine(output, "spot-connect.dll")), output);
        Assert.Empty(Directory.EnumerateFiles(output, "Amazon.CDK*.dll").Concat(Directory.EnumerateFiles(output, "Amazon.JSII*.dll")));
        Assert.DoesNotContain(typeof(SpotConnect.Cli.CliApp).Assembly.GetReferencedAssemblies(), a => a.Name == "SpotConnect" || a.Name!.StartsWith("Amazon.CDK", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_folders_depend_on_each_other_without_cycles()
    {
        // Folder → the SpotConnect.* namespaces its files use (by using directive or qualified name).
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(CoreRoot, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            var own = NamespaceDeclaration().Match(text).Groups[1].Value;
            var uses = edges.TryGetValue(own, out var set) ? set : edges[own] = [];
            foreach (Match m in UsedNamespace().Matches(text))
            {
                if (m.Groups[1].Value != own)
                {
                    uses.Add(m.Groups[1].Value);
                }
            }
        }

        // Depth-first search for a cycle.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new Stack<string>();
        bool Cycle(string node)
        {
            state[node] = 1;
            path.Push(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1 || (state.GetValueOrDefault(next) == 0 && Cycle(next)))
                {
                    if (state.GetValueOrDefault(next) == 1)
                    {
                        path.Push(next);
                    }

                    return true;
                }
            }

            state[node] = 2;
            path.Pop();
            return false;
        }

        foreach (var node in edges.Keys.Where(n => state.GetValueOrDefault(n) == 0).ToArray())
        {
            Assert.False(Cycle(node), "Core folders form a cycle: " + string.Join(" → ", path.Reverse()));
        }

        Assert.True(edges.Count >= 8, string.Join(", ", edges.Keys));
        Assert.Empty(edges["SpotConnect.Validation"]);
    }

    [Fact]
    public void Every_link_setting_has_its_options_property_and_every_setting_its_README_row()
    {
        foreach (var setting in SpotSettings.Link)
        {
            // The external id is one link's; every other setting is the role's (a rollout's too).
            var options = setting == SpotSettings.ExternalId ? typeof(ISpotLinkOptions) : typeof(ISpotRoleOptions);
            Assert.NotNull(options.GetProperty(setting.Property));
            Assert.NotNull(typeof(SpotLinkOptions).GetProperty(setting.Property));
        }

        foreach (var setting in SpotSettings.Org)
        {
            Assert.NotNull(typeof(ISpotOrgOptions).GetProperty(setting.Property));
        }

        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        foreach (var setting in SpotSettings.All)
        {
            Assert.Contains($"| `{setting.ContextKey}` |", readme, StringComparison.Ordinal);
            if (setting.EnvironmentVariable is { } variable)
            {
                Assert.Contains($"`{variable}`", readme, StringComparison.Ordinal);
            }
        }

        var names = SpotSettings.All.SelectMany(s => new[] { s.Property, s.ContextKey, s.CliOption, s.EnvironmentVariable }).OfType<string>().ToArray();
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Core_exports_the_domain_and_keeps_the_app_and_CLI_machinery_internal()
    {
        // A library user needs the catalog, selections, policies, settings and their validation, the org state (and its file)
        // and the deploy records it carries; the rollout's size model and placement are internal. The tool's steps and
        // files, the Spot API client and the plan's comparison are the tool's own (src/SpotConnect.Cli/Machinery).
        // A type joins this list on purpose, never by accident.
        string[] approved =
        [
            "AtomicFile", "BundleCatalog", "BundleSelection", "CatalogStatement", "CdkProject", "DeployedManagementAccount", "DeployedPolicy", "DeployedRole",
            "DroppedAction", "ISpotLinkOptions", "ISpotOrgOptions", "ISpotRoleOptions", "InputRules", "JsonStateFile`1", "LinkDeployRecord", "ManagedPolicySpec",
            "OrgAccount", "OrgCallAs", "OrgCallAsText", "OrgCapacity", "OrgDeployRecord", "OrgLimits", "OrgStackSet", "OrgState", "OrgStateStore", "PermissionBundle",
            "PolicyBuilder", "PolicyCondition", "PolicyGrant", "PolicyJson", "PolicyPlan", "PolicyPlanOptions", "PolicyRestrictions",
            "PolicyStatementSpec", "Setting", "Setting`1", "SpotConnectValidationException", "SpotLinkOptions", "SpotLinkSpec",
            "SpotContextSettings", "SpotOrgOptions", "SpotOrgSpec", "SpotPartition", "SpotSettings", "SpotStackMetadata", "StackRules", "ValidationProblem",
        ];
        var exported = typeof(SpotSettings).Assembly.GetExportedTypes().Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(approved.Order(StringComparer.Ordinal), exported);
    }

    [Fact]
    public void Each_package_stands_on_the_public_API_of_the_one_below()
    {
        // Internals are opened to tests and benchmarks only: never from Core to the construct library or the tool, never
        // from the construct library to anything but tests.
        foreach (var assembly in new[] { typeof(SpotSettings).Assembly, typeof(SpotConnect.Cli.CliApp).Assembly })
        {
            var friends = assembly.GetCustomAttributes(typeof(System.Runtime.CompilerServices.InternalsVisibleToAttribute), false)
                .Cast<System.Runtime.CompilerServices.InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToArray();
            Assert.All(friends, f => Assert.True(f.EndsWith("Tests", StringComparison.Ordinal) || f.EndsWith("Bench", StringComparison.Ordinal), $"{assembly.GetName().Name} opens its internals to {f}"));
        }

        var constructs = File.ReadAllText(Path.Combine(Repo.Root, "src", "SpotConnect", "SpotConnect.csproj"));
        Assert.DoesNotContain("InternalsVisibleTo Include=\"spot-connect\"", constructs, StringComparison.Ordinal);
    }

    [Fact]
    public void Tests_and_their_stubs_wait_on_the_virtual_clock_never_on_the_wall_clock()
    {
        // A Task.Delay must name a clock (the stub's virtual one); nothing sleeps or spins. Waits for a real child process
        // (ProcessRunner, IamCheck: a timeout on a process that may hang) are not delays and are not matched here; nor is
        // this rule's own text.
        var sep = Path.DirectorySeparatorChar;
        var offences = Directory.EnumerateFiles(Path.Combine(Repo.Root, "test"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != $"{nameof(ArchitectureTests)}.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(Repo.Root, f), Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal))
            .Where(l => RealWait().IsMatch(l.Text) || (l.Text.Contains("Task.Delay(", StringComparison.Ordinal) && !l.Text.Contains("Clock", StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToArray();
        Assert.Empty(offences);
    }

    [GeneratedRegex(@"\bThread\.Sleep\(|\bSpinWait\b")]
    private static partial Regex RealWait();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b(SpotConnect\.(?:Catalog|Selection|Policies|Validation|Settings|Spot|Link|IO|Org|Plan))\b")]
    private static partial Regex UsedNamespace();
}
