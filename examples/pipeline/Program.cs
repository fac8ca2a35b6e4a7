using SpotConnect.Validation;

namespace SpotConnect.Pipeline;

/// <summary>The example pipeline app: reads pipeline.json, defines the pipeline stack, synthesizes.</summary>
public static class Program
{
    /// <summary>Entry point; exit code 1 when pipeline.json is invalid.</summary>
    public static int Main()
    {
        try
        {
            var config = PipelineConfig.Load(Path.Combine(AppContext.BaseDirectory, "pipeline.json"));
            var app = new Amazon.CDK.App();
            _ = new SpotPipelineStack(app, "SpotConnectPipeline", config);
            app.Synth();
            return 0;
        }
        catch (SpotConnectValidationException e)
        {
            Console.Error.WriteLine($"pipeline.json: {e.Message}");
            return 1;
        }
    }
}
