using System.Text.Json.Nodes;
using SpotConnect.Cdk;

namespace SpotConnect.Tests.Support;

/// <summary>
/// The templates cdk-nag checks (<see cref="SpotConnect.Tests.LeastPrivilegeStackTests"/>), synthesized and handed to
/// <c>tools/nag-check</c>, a Node process. A fixture of <see cref="JsiiCollection"/>, an <see cref="EarlyCheck{T}"/>: in a
/// full run cdk-nag works beside the other CDK tests.
/// </summary>
public sealed class NagCheckFixture
{
    /// <summary>The template without the suppression metadata: the only one cdk-nag must find something in.</summary>
    public const string WithoutMetadata = "default + security-audit without metadata";

    /// <summary>The templates checked, by name.</summary>
    public static readonly string[] Templates =
        ["default", "default + security-audit", "restricted", "restricted ocean", "deploy-time bucket and key", "SpotOrgStack", WithoutMetadata];

    private readonly EarlyCheck<IReadOnlyDictionary<string, JsonObject>> _report = new(Start);

    /// <summary>cdk-nag's report on each template of <see cref="Templates"/>, by its name (waits for it).</summary>
    public IReadOnlyDictionary<string, JsonObject> Report => _report.Result;

    private static Task<IReadOnlyDictionary<string, JsonObject>> Start()
    {
        var directory = Scratch.Folder("spotconnect-nag-").FullName;
        var templates = new Dictionary<string, JsonObject>
        {
            ["default"] = Synth.App().Json,
            ["default + security-audit"] = Synth.App(new() { ["spot:bundles"] = "default,security-audit" }).Json,
            ["restricted"] = Synth.App(new(SpotConnect.Tests.LeastPrivilegeStackTests.Restricted)).Json,
            ["restricted ocean"] = Synth.App(new(SpotConnect.Tests.LeastPrivilegeStackTests.Restricted) { ["spot:bundles"] = "ocean,ocean.eks" }).Json,

            // A library user's deploy-time bucket and keys: cdk-nag names the resolved intrinsic, the suppression matches it by pattern.
            ["deploy-time bucket and key"] = Synth.Stack(new SpotLinkStackProps
            {
                LogBucket = Amazon.CDK.Fn.ImportValue("OceanLogBucketName"),
                KmsKeyArns = [Amazon.CDK.Fn.ImportValue("SharedEbsKeyArn")],
                Regions = ["eu-west-1"],
            }).Json,

            // SpotOrgStack (StackSets, and the management account's own role) passes too.
            ["SpotOrgStack"] = OrgStackFixture.Org(OrgStates.Build(3), bootstrapped: false).Json,
        };

        // The same default template without the suppression metadata: cdk-nag must then report the wildcards.
        var stripped = Synth.App(new() { ["spot:bundles"] = "default,security-audit" }).Json;
        foreach (var (_, resource) in stripped["Resources"]!.AsObject())
        {
            resource!.AsObject().Remove("Metadata");
        }

        templates["default + security-audit without metadata"] = stripped;

        var files = Templates.ToDictionary(name => Path.Combine(directory, name.Replace(' ', '-').Replace('+', 'p') + ".json"), name => name);
        foreach (var (file, name) in files)
        {
            File.WriteAllText(file, templates[name].ToJsonString());
        }

        return Task.Run(() => (IReadOnlyDictionary<string, JsonObject>)NagCheck.Run(files.Keys)
            .Select(r => r!.AsObject())
            .ToDictionary(r => files[r["template"]!.GetValue<string>()], r => r));
    }
}
