using System;
using System.Threading;
using LoopbackAnalyzers.Engine;
using LoopbackAnalyzers.Intent;
using LoopbackAnalyzers.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>
    /// What a rule can ask about a site: its intent (evaluated on first request), the port options of its file,
    /// and where to report. Independent of the kind of action that found the site.
    /// </summary>
    internal sealed class SiteContext
    {
        private readonly IOperation _operation;
        private readonly ISymbol _containingSymbol;
        private readonly AnalyzerOptions _options;
        private readonly IntentEvaluator _intentEvaluator;
        private readonly Action<Diagnostic> _report;
        private LoopbackIntent? _intent;
        private long? _intentPort;
        private PortOptions? _portOptions;

        public SiteContext(IOperation operation, ISymbol containingSymbol, AnalyzerOptions options, IntentEvaluator intentEvaluator, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            _operation = operation;
            _containingSymbol = containingSymbol;
            _options = options;
            _intentEvaluator = intentEvaluator;
            _report = report;
            CancellationToken = cancellationToken;
        }

        public CancellationToken CancellationToken { get; }

        /// <summary>The port options of the site's file.</summary>
        public PortOptions PortOptions => _portOptions ??= PortOptions.For(_options, _operation.Syntax.SyntaxTree);

        /// <summary>The intent of the code around <paramref name="site"/> (cached: one operation rarely has sites on several ports).</summary>
        public LoopbackIntent IntentFor(EndpointSite site)
        {
            if (_intent is not { } intent || _intentPort != site.Port)
            {
                intent = _intentEvaluator.Evaluate(_operation, _containingSymbol, site.Port, CancellationToken);
                _intent = intent;
                _intentPort = site.Port;
            }

            return intent;
        }

        public void Report(Diagnostic diagnostic) => _report(diagnostic);
    }
}
