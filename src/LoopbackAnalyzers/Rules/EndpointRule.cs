using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>A rule: a small predicate over one endpoint site and the intent of the code around it.</summary>
    internal abstract class EndpointRule
    {
        public abstract DiagnosticDescriptor Descriptor { get; }

        public abstract void Analyze(EndpointSite site, SiteContext context);
    }
}
