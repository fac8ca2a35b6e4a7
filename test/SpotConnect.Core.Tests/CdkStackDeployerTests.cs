using SpotConnect.Cli.Link;
using SpotConnect.Cli.Project;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>
/// The real deployer, against a stand-in `cdk` executable that records how it was called: its `synth` writes a cloud
/// assembly whose manifest carries the SpotConnect version and fingerprint the test asks for (FAKE_CDK_VERSION,
/// FAKE_CDK_FINGERPRINT), its `deploy` writes the outputs.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CdkStackDeployerTests : IDisposable
{
    private readonly DirectoryInfo _project = Scratch.Folder("spotconnect-deployer-");

    public CdkStackDeployerTests()
    {
        File.WriteAllText(Path.Combine(_project.FullName, "cdk.json"), """{"app":"true"}""");
        var bin = Directory.CreateDirectory(Path.Combine(_project.FullName, "node_modules", ".bin"));
        var cdk = Path.Combine(bin.FullName, "cdk");
        File.WriteAllText(cdk, """
            #!/bin/sh
            printf '%s\n' "$@" >> args.txt
            echo "--" >> args.txt
            env > env.txt
            if [ -n "$FAKE_CDK_FAIL" ]; then echo "deploy failed" >&2; exit 1; fi
            if [ "$1" = "synth" ]; then
              while [ $# -gt 0 ]; do
                if [ "$1" = "--output" ]; then
                  mkdir -p "$2"
                  printf '{"version":"38.0.1","artifacts":{"%s":{"type":"aws:cloudformation:stack","metadata":{"/%s":[{"type":"spotconnect:version","data":"%s"},{"type":"spotconnect:fingerprint","data":"%s"}]}}}}' \
                    "${FAKE_CDK_STACK:-SpotProd}" "${FAKE_CDK_STACK:-SpotProd}" "$FAKE_CDK_VERSION" "${FAKE_CDK_FINGERPRINT:-sha256:expected}" > "$2/manifest.json"
                fi
                shift
              done
              exit 0
            fi
            while [ $# -gt 0 ]; do
              if [ "$1" = "--outputs-file" ]; then
                printf '{"SpotProd":{"SpotRoleArn":"arn:aws:iam::123456789012:role/Spot-Role","SpotExternalId":"x"}}' > "$2"
              fi
              shift
            done
            echo "SpotProd: deployed"
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cdk, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _project.Delete(recursive: true);

    /// <summary>The calls the stand-in received, each its arguments.</summary>
    private string[][] Calls() => string.Join("\n", File.ReadAllLines(Path.Combine(_project.FullName, "args.txt")))
        .Split("--\n", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToArray();

    private async Task<(string Arn, List<string> Report)> Deploy(string? principal = null)
    {
        // The deployer's temporary folder (the outputs file) goes in a temp directory of the test's own (this
        // collection may set process-wide variables), which must be empty again afterwards.
        var temp = Directory.CreateDirectory(Path.Combine(_project.FullName, "tmp"));
        var previous = Environment.GetEnvironmentVariable("TMPDIR");
        Environment.SetEnvironmentVariable("TMPDIR", temp.FullName + Path.DirectorySeparatorChar);
        try
        {
            var report = new List<string>();
            Environment.SetEnvironmentVariable("FAKE_CDK_VERSION", SpotProject.ToolVersion);
            var outputs = await new CdkStackDeployer().DeployAsync(
                new DeployRequest("SpotProd", _project.FullName, Context("ocean,ocean.eks", principal), "sha256:expected"), report.Add, CancellationToken.None);
            Assert.Equal("x", outputs["SpotExternalId"]);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Empty(temp.EnumerateFileSystemInfos()); // the outputs were read, the folder deleted
            }

            return (outputs["SpotRoleArn"], report);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMPDIR", previous);
            Environment.SetEnvironmentVariable("FAKE_CDK_VERSION", null);
        }
    }

    private static List<KeyValuePair<string, string>> Context(string bundles, string? principal)
    {
        var context = new List<KeyValuePair<string, string>>
        {
            new("spot:externalId", "ext-123"), new("spot:partition", "aws"), new("spot:stackName", "SpotProd"), new("spot:bundles", bundles),
        };
        if (principal is not null)
        {
            context.Add(new("spot:principalAccountId", principal));
        }

        return context;
    }

    [Fact]
    public async Task Runs_cdk_deploy_with_the_external_id_and_reads_SpotRoleArn_without_passing_the_token_on()
    {
        Environment.SetEnvironmentVariable("SPOTINST_TOKEN", SpotStub.Token);
        Environment.SetEnvironmentVariable("SPOT_ROLE_NAME", "Not-The-Resolved-Role");
        try
        {
            var (arn, report) = await Deploy(principal: "210987654321");

            Assert.Equal("arn:aws:iam::123456789012:role/Spot-Role", arn);
            // First the synthesis with the resolved settings, into an assembly of its own; then the deploy of that very assembly.
            var calls = Calls();
            Assert.Equal(2, calls.Length);
            var args = calls[0];
            Assert.Equal(["synth", "SpotProd", "--quiet", "--output"], args.Take(4));
            Assert.Equal(["deploy", "SpotProd", "--app", args[4], "--require-approval", "never", "--outputs-file"], calls[1].Take(7));
            Assert.DoesNotContain(calls[1], a => a.StartsWith("spot:", StringComparison.Ordinal));
            Assert.Contains("spot:externalId=ext-123", args);
            Assert.Contains("spot:bundles=ocean,ocean.eks", args);
            Assert.Contains("spot:stackName=SpotProd", args);
            Assert.Contains("spot:partition=aws", args);
            Assert.Contains("spot:principalAccountId=210987654321", args);
            var env = File.ReadAllText(Path.Combine(_project.FullName, "env.txt"));
            Assert.DoesNotContain("SPOTINST_TOKEN", env, StringComparison.Ordinal);
            Assert.DoesNotContain(SpotStub.Token, env, StringComparison.Ordinal);
            Assert.DoesNotContain("SPOT_ROLE_NAME", env, StringComparison.Ordinal); // the app sees only what the command resolved
            Assert.Contains("cdk: SpotProd: deployed", report);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SPOTINST_TOKEN", null);
            Environment.SetEnvironmentVariable("SPOT_ROLE_NAME", null);
        }
    }

    [Fact]
    public async Task A_failed_deploy_is_an_error_with_cdks_output_reported()
    {
        Environment.SetEnvironmentVariable("FAKE_CDK_FAIL", "1");
        try
        {
            var report = new List<string>();
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new CdkStackDeployer().DeployAsync(
                new DeployRequest("SpotProd", _project.FullName, Context("default", null)), report.Add, CancellationToken.None));
            Assert.Contains("exit code 1", e.Message, StringComparison.Ordinal);
            Assert.Contains("cdk: deploy failed", report);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_CDK_FAIL", null);
        }
    }

    [Fact]
    public async Task Destroy_runs_cdk_destroy_force_for_the_stack_with_the_same_context_and_without_the_token()
    {
        Environment.SetEnvironmentVariable("SPOTINST_TOKEN", SpotStub.Token);
        try
        {
            var report = new List<string>();
            await new CdkStackDeployer().DestroyAsync(new DeployRequest("SpotProd", _project.FullName, Context("default", null)), report.Add, CancellationToken.None);

            var args = Calls().Single();
            Assert.Equal(["destroy", "--force", "SpotProd"], args.Take(3));
            Assert.Contains("spot:stackName=SpotProd", args);
            Assert.Contains("spot:externalId=ext-123", args);
            Assert.DoesNotContain("--outputs-file", args);
            Assert.DoesNotContain(SpotStub.Token, File.ReadAllText(Path.Combine(_project.FullName, "env.txt")), StringComparison.Ordinal);
            Assert.Contains("cdk: SpotProd: deployed", report); // the stand-in's one line of output, passed on
        }
        finally
        {
            Environment.SetEnvironmentVariable("SPOTINST_TOKEN", null);
        }
    }

    [Fact]
    public async Task A_failed_destroy_is_an_error_naming_cdk_destroy()
    {
        Environment.SetEnvironmentVariable("FAKE_CDK_FAIL", "1");
        try
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new CdkStackDeployer().DestroyAsync(
                new DeployRequest("SpotProd", _project.FullName, Context("default", null)), _ => { }, CancellationToken.None));
            Assert.Contains("cdk destroy failed with exit code 1", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_CDK_FAIL", null);
        }
    }

    [Fact]
    public async Task A_directory_without_the_project_is_invalid_input()
    {
        File.Delete(Path.Combine(_project.FullName, "cdk.json"));
        await Assert.ThrowsAsync<SpotConnect.Validation.SpotConnectValidationException>(() => Deploy());
    }

    [Theory]
    [InlineData("0.0.1-other", "sha256:expected", "with SpotConnect 0.0.1-other, but this spot-connect is")]
    [InlineData(null, "sha256:other", "with other resources than this command resolved")]
    public async Task An_assembly_of_another_version_or_with_other_resources_is_refused_before_anything_deploys(string? version, string fingerprint, string message)
    {
        Environment.SetEnvironmentVariable("FAKE_CDK_VERSION", version ?? SpotProject.ToolVersion);
        Environment.SetEnvironmentVariable("FAKE_CDK_FINGERPRINT", fingerprint);
        try
        {
            var e = await Assert.ThrowsAsync<SpotConnect.Validation.SpotConnectValidationException>(() => new CdkStackDeployer().DeployAsync(
                new DeployRequest("SpotProd", _project.FullName, Context("default", null), "sha256:expected"), _ => { }, CancellationToken.None));

            Assert.Contains(message, e.Message, StringComparison.Ordinal);
            Assert.StartsWith("--project:", e.Message, StringComparison.Ordinal);
            Assert.Equal("synth", Calls().Single()[0]); // nothing was deployed
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_CDK_VERSION", null);
            Environment.SetEnvironmentVariable("FAKE_CDK_FINGERPRINT", null);
        }
    }
}
